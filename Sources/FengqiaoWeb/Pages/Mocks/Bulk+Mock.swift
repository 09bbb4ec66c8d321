import FengqiaoCore
import Foundation

extension BulkModel {
    /// CP-44: the confirmation of a bulk dispatch on 2025-09-30 to 东湖所 with report-back on
    /// 2025-10-10 (after National Day): one item ready, one already dispatched and refused (CP-12); a hostile title.
    static var mock: Self {
        let forward = DomainError.invalid([FieldError(field: "state", rule: "CP-12", code: "complaint.forward.refused",
                                                      messageZH: "接收单位无管辖权的，应退回分送单位并说明理由，不得自行转送")])
        let rows = [
            Row(caseID: UUID(uuidString: "0a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f")!, number: "TS2025ZC000001-C1", title: "投诉：\(MockData.party) \(MockData.hostile)",
                state: "registered", handlerID: nil, refusal: nil),
            Row(caseID: UUID(uuidString: "1a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f")!, number: "TS2025ZC000002-C1", title: "投诉：江城市惠民超市有限公司",
                state: "dispatched", handlerID: nil, refusal: forward),
        ]
        return BulkModel(page: .mock("投诉批量办理"), noun: "投诉", refusedZH: ComplaintBulk.plan.refusedZH, pathWord: "complaints", mode: .confirming, operation: .dispatch,
                                  input: ActionInput(single: ["unit": "DH", "reportBackOn": "2025-10-10"]),
                                  effect: "分送至东湖市场监管所（DH），反馈日期2025年10月10日", items: rows, stateName: ComplaintProcedure.stateNameZH,
                                  handlerName: { _ in "—" }, units: [SelectOption(value: "DH", label: "东湖市场监管所（DH）", selected: true)], people: [],
                                  states: [], canDispatch: true, canAssign: true)
    }

    /// CP-44: choosing items and an operation.
    static var mockSelecting: Self {
        let rows = [Row(caseID: UUID(uuidString: "0a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f")!, number: "TS2025ZC000001-C1", title: "投诉：\(MockData.hostile)",
                        state: "registered", handlerID: nil, refusal: nil)]
        return BulkModel(page: .mock("投诉批量办理"), noun: "投诉", refusedZH: ComplaintBulk.plan.refusedZH, pathWord: "complaints", mode: .selecting, operation: nil, input: ActionInput(), effect: "", items: rows,
                                  stateName: ComplaintProcedure.stateNameZH, handlerName: { _ in "—" },
                                  units: [SelectOption(value: "DH", label: "东湖市场监管所（DH）", selected: false)],
                                  people: [SelectOption(value: UUID().uuidString, label: "吴所长（head_b）", selected: false)],
                                  states: [SelectOption(value: "registered", label: "已登记", selected: false)], canDispatch: true, canAssign: true)
    }
}

extension BulkModel {
    /// CP-44 for reports: choosing reports and an operation; CP-08 — the list names the reported party only.
    static var mockReports: Self {
        let rows = [Row(caseID: UUID(uuidString: "2a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f")!, number: "ZC-JB-2025-0001", title: "举报：\(MockData.hostile)",
                        state: "registered", handlerID: nil, refusal: nil)]
        return BulkModel(page: .mock("举报批量办理"), noun: "举报", refusedZH: ReportBulk.plan.refusedZH, pathWord: "reports", mode: .selecting, operation: nil,
                         input: ActionInput(), effect: "", items: rows, stateName: ReportProcedure.stateNameZH, handlerName: { _ in "—" },
                         units: [SelectOption(value: "DH", label: "东湖市场监管所（DH）", selected: false)], people: [],
                         states: [SelectOption(value: "registered", label: "已登记", selected: false)], canDispatch: true, canAssign: false)
    }
}
