// The F1DB importer lives here.
