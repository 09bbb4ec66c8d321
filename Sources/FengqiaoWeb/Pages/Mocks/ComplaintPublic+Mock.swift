import FengqiaoCore
import Foundation

extension ComplaintPublicModel {
    /// CP-39: the fourth quarter of 2025, published on 2026-01-05 — 12 complaints (platform 9, fax 1,
    /// letter 2 merged into 其他; 10 a year earlier), 4 reports (none a year earlier), ¥1,234.50 recovered
    /// over 3 complaints; a hostile category name.
    static var mock: Self {
        let json = """
        {"quarter":{"kind":"quarter","year":2025,"index":4,"first":"2025-10-01","last":"2025-12-31"},"asOf":"2026-01-05",
         "complaints":12,"accepted":10,"rejected":1,"mediated":6,"settled":1,"withdrawn":1,"terminated":1,"concluded":9,
         "recoveredFen":123450,"recoveredCount":3,"reports":4,"reportsDecided":3,"reportsFiled":2,"complaintsLastYear":10,"reportsLastYear":0,
         "channels":{"platform":9,"fax":1,"letter":2},"reportCategories":{"food":4}}
        """
        let figures = try! JSONDecoder().decode(ComplaintPublicFigures.self, from: Data(json.utf8))
        return ComplaintPublicModel(page: .mock("投诉举报季度公开统计"), figures: figures, publishedOn: LocalDate(iso: "2026-01-05"),
                                    categoryName: { $0 == "food" ? "食品安全 \(MockData.hostile)" : $0 }, canPublish: false,
                                    today: LocalDate(iso: "2026-01-05")!)
    }
}
