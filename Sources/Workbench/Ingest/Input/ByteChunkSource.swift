/// A forward-only source of bytes, read in large chunks.
///
/// Readers pull chunks into a buffer they own, so memory stays bounded by the chunk size no
/// matter how large the file is.
protocol ByteChunkSource {
    /// Fills up to `capacity` bytes at `destination`; returns the number written, 0 at the end.
    /// Throws `IngestError` when the underlying file cannot be read or decompressed.
    mutating func read(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int
    /// Bytes consumed from the underlying file so far (compressed bytes for gzip): for progress.
    var bytesConsumed: Int { get }
    /// Releases the file descriptor and any decompressor state. Safe to call twice.
    mutating func close()
}

/// Opens `path` as a byte source: gzip-decompressing when the name ends in `.gz` or the file
/// starts with the gzip magic bytes, plain otherwise.
func openByteSource(path: String) throws -> any ByteChunkSource {
    let file = try FileChunkSource(path: path)
    let isGzip = try path.hasSuffix(".gz") || file.startsWithGzipMagic()
    if isGzip {
        return try GzipChunkSource(file: file, path: path)
    }
    return file
}
