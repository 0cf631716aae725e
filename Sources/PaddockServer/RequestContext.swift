import Hummingbird

/// The request context of every Paddock route: Hummingbird's core storage and a 1 MiB body limit.
public struct PaddockRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies above this are refused with 413 (see ``ServerSettings/maxBodyBytes``).
    public var maxUploadSize: Int { ServerSettings.maxBodyBytes }
}
