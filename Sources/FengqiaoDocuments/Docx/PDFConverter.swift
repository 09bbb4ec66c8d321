import Foundation

/// DOC-20: PDF through LibreOffice when it is installed. Each conversion runs `soffice` headless with
/// its own throw-away profile (so parallel conversions never share one) and a time limit.
public enum PDFConverter {
    public static let soffice = ProcessInfo.processInfo.environment["FENGQIAO_SOFFICE"] ?? "/usr/bin/soffice"

    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: soffice) }

    public enum Failure: Error, Sendable, Equatable {
        case notInstalled
        case failed(String)
        case timedOut
    }

    /// The PDF of a DOCX.
    public static func pdf(fromDocx docx: Data, timeout: TimeInterval = 90) async throws -> Data {
        guard isAvailable else { throw Failure.notInstalled }
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("fq-pdf-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        let input = root.appendingPathComponent("document.docx")
        try docx.write(to: input)
        let log = root.appendingPathComponent("soffice.log")
        _ = fm.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["-env:UserInstallation=file://\(root.path)/profile", "--headless", "--norestore", "--convert-to", "pdf",
                             "--outdir", root.path, input.path]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = root.path
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure.timedOut
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        try? handle.close()
        let output = root.appendingPathComponent("document.pdf")
        guard process.terminationStatus == 0, let pdf = fm.contents(atPath: output.path) else {
            throw Failure.failed(String(decoding: fm.contents(atPath: log.path) ?? Data(), as: UTF8.self))
        }
        return pdf
    }
}
