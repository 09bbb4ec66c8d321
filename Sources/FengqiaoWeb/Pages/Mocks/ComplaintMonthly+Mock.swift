import FengqiaoCore
import Foundation

extension ComplaintMonthlyModel {
    /// CP-38, complaints.md scenario 10: September 2025 frozen on 2025-10-14 — 8 complaints and 2
    /// reports (2024: 5 and 3; August: 10 and 2), 9 concluded; a hostile unit name.
    static var mock: Self {
        let unit = UUID(uuidString: "3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b")!
        let json = """
        {"month":{"kind":"month","year":2025,"index":9,"first":"2025-09-01","last":"2025-09-30"},"freezesOn":"2025-10-14","asOf":"2025-10-14",
         "units":[{"unitID":"\(unit.uuidString)","current":{"complaints":8,"reports":2,"concluded":9},
                   "sameMonthLastYear":{"complaints":5,"reports":3,"concluded":8},"previousMonth":{"complaints":10,"reports":2,"concluded":12},
                   "channels":{"platform":6,"hotline":2},"reportCategories":{"food":2}}]}
        """
        let figures = try! JSONDecoder().decode(ComplaintMonthlyFigures.self, from: Data(json.utf8))
        return ComplaintMonthlyModel(page: .mock("投诉举报月度分析"), figures: figures, frozen: true, scope: nil,
                                     unitName: { _ in "\(MockData.unit) \(MockData.hostile)" }, categoryName: { $0 == "food" ? "食品安全" : $0 },
                                     action: "/statistics/complaints/monthly")
    }
}
