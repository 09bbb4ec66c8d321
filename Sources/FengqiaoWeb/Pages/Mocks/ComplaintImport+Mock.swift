import FengqiaoCore
import Foundation

extension ComplaintImportModel {
    static let mockID = UUID(uuidString: "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")!

    /// CP-43: a finished import of four rows — two created (one split into its report track), one
    /// unchanged duplicate of row 2, one refused with its field and rule.
    static var mock: Self {
        let status = ComplaintImportStatus(
            id: mockID, unitID: UUID(), filename: "12315导出 \(MockData.hostile).csv", state: .done, total: 4, processed: 4, created: 2, updated: 0,
            unchanged: 1, refused: 1,
            rows: [
                ImportRowResult(row: 2, externalNo: "1234500926001", outcome: .created, caseNumbers: ["JC-ZC-TS-2025-0001"], errors: []),
                ImportRowResult(row: 3, externalNo: "1234500930002", outcome: .created, caseNumbers: ["JC-ZC-TS-2025-0002", "JC-ZC-JB-2025-0001"], errors: []),
                ImportRowResult(row: 4, externalNo: "1234500926001", outcome: .unchanged, caseNumbers: [], errors: [
                    FieldError(field: "externalNo", rule: "CP-43", code: "import.duplicate-in-file", messageZH: "平台编号1234500926001与第2行重复，已按第2行导入"),
                ]),
                ImportRowResult(row: 5, externalNo: nil, outcome: .refused, caseNumbers: [], errors: [
                    FieldError(field: "receivedOn", rule: "X-06", code: "import.date.invalid", messageZH: "“收到日期”应为日期（如 2025-09-26），现为“\(MockData.hostile)”"),
                ]),
            ])
        return ComplaintImportModel(page: .mock("导入结果"), mayReceive: true, status: .init(status), error: nil)
    }

    /// The import still running: the progress bar and the refresh without JavaScript.
    static var mockRunning: Self {
        let status = ComplaintImportStatus(id: mockID, unitID: UUID(), filename: "热线 \(MockData.hostile).xlsx", state: .running, total: 200, processed: 50,
                                           created: 50, updated: 0, unchanged: 0, refused: 0, rows: [])
        return ComplaintImportModel(page: .mock("导入结果"), mayReceive: false, status: .init(status), error: nil)
    }
}
