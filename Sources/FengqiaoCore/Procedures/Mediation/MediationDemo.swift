import Foundation

// The mediation demo (issue 15 item 9) — written against the demo bureau's 行政调解中心 (TJZX) and
// 中村所 (ZC).

extension MediationProcedure {
    static func demoPlan(_ ctx: DemoContext) -> DemoPlan { DemoPlan() }
}
