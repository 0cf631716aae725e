import Hummingbird
import NIOCore

/// The request context of every Paddock route: Hummingbird's core storage and a 1 MiB body limit.
public struct PaddockRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection: the live feed closes it when its client stops reading.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies above this are refused with 413 (see ``ServerSettings/maxBodyBytes``).
    public var maxUploadSize: Int { ServerSettings.maxBodyBytes }
}
