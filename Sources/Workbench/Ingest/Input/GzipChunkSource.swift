import CZlib

/// Streams a gzip file through zlib's `inflate`, chunk by chunk.
///
/// Handles concatenated gzip members (what `cat a.gz b.gz` and many exporters produce) by
/// resetting the inflater at each member's end. A file cut off mid-stream is reported as an
/// error rather than silently treated as complete. zlib inflates at roughly 300-500 MB/s of
/// output per core, so gzip input is bounded by zlib, not by the parser.
final class GzipChunkSource: ByteChunkSource {
    private var file: FileChunkSource
    private let path: String
    private var stream = z_stream()
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 20
    private var inputEnded = false
    private var memberEnded = false
    private var isOpen = false

    var bytesConsumed: Int { file.bytesConsumed }

    init(file: FileChunkSource, path: String) throws {
        self.file = file
        self.path = path
        input = .allocate(capacity: inputCapacity)
        // 15 + 32: a 32 KiB window and automatic gzip/zlib header detection.
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw IngestError(file: path, line: nil, column: nil, kind: .corruptCompression,
                              detail: "zlib could not start (status \(status))", hint: "check the zlib installation")
        }
        isOpen = true
    }

    deinit {
        close()
        input.deallocate()
    }

    func read(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        guard isOpen else { return 0 }
        stream.next_out = destination
        stream.avail_out = UInt32(capacity)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputEnded {
                let count = try file.read(into: input, capacity: inputCapacity)
                if count == 0 { inputEnded = true } else {
                    stream.next_in = input
                    stream.avail_in = UInt32(count)
                }
            }
            if stream.avail_in == 0 && inputEnded {
                if memberEnded { break }
                throw IngestError(file: path, line: nil, column: nil, kind: .corruptCompression,
                                  detail: "gzip stream ends early (the file is truncated)",
                                  hint: "re-export or re-download the file; `gzip -t` confirms the damage")
            }
            if memberEnded {
                // Another member follows the previous one's trailer.
                inflateReset(&stream)
                memberEnded = false
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                memberEnded = true
            } else if status != Z_OK && status != Z_BUF_ERROR {
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw IngestError(file: path, line: nil, column: nil, kind: .corruptCompression,
                                  detail: "gzip data is corrupt: \(message)",
                                  hint: "check the file with `gzip -t`; re-export it if that fails too")
            }
        }
        return capacity - Int(stream.avail_out)
    }

    func close() {
        if isOpen {
            inflateEnd(&stream)
            file.close()
            isOpen = false
        }
    }
}
