import Foundation

// CP-44 (design) for reports: bulk dispatch (Dispatch, CP-09…CP-13), assign (AssignHandler) and export,
// through the kit's `BulkPlan`. 立案/不予立案, the reporter's notice and CP-11's referral are never
// taken in bulk. CP-08: the export carries nothing of the reporter — not the name, not whether the
// report was named — nor the clue a reporter typed.

public enum ReportBulk {
    public static let plan = BulkPlan(
        transitions: [.dispatch: ReportProcedure.Dispatch.spec.key, .assign: ReportProcedure.AssignHandler.spec.key], codePrefix: "report",
        refused: ["proposeDecision", "approveDecision", "notifyReporter", "referElsewhere", "extendVerification", "file", "not-file"],
        refusedZH: "立案/不予立案、告知举报人、告知向有权机关举报和办结须逐件办理", exportHeader: exportHeader)

    public static let exportHeader = ["编号", "状态", "来源", "收到日期", "有管辖权单位收到日期", "被举报人", "违法行为发生地", "承办单位", "承办人", "最近分送", "处理决定"]

    /// CP-44, CP-08, X-09: one exported row — structured fields of the report, nothing of the reporter.
    public static func exportRow(number: String, state: String, unit: String, handler: String, facts f: ReportFacts) -> [String] {
        [number, state, f.origin.nameZH, f.receivedOn.iso, f.handlingReceiptOn?.iso ?? "", f.reportedName, f.actPlace, unit, handler,
         f.dispatchLog.last.map { "\($0.on.iso)→\($0.unitCode)，反馈\($0.reportBackOn.iso)" } ?? "",
         f.decision.map { $0.decision.nameZH } ?? (f.referral.map { _ in ReportDecision.redirect.nameZH } ?? "")]
    }
}

extension ReportProcedure {
    /// CP-44: bulk dispatch, assign and export.
    public static var bulk: BulkPlan? { ReportBulk.plan }

    public static func bulkExportRow(number: String, state: String, unit: String, handler: String, facts: ReportFacts) -> [String] {
        ReportBulk.exportRow(number: number, state: state, unit: unit, handler: handler, facts: facts)
    }
}
