import Foundation

extension StatisticsModel {
    /// Every field as given; `init(page:…report:…)` computes them from an `IndicatorReport`.
    init(page: PageChrome, procedureName: String, action: String, periodLabel: String, periods: [SelectOption], units: [SelectOption], rows: [Row],
         assessment: Assessment?, counts: [Count], months: [Month], legend: [Legend], chartWidth: Int, xlsxHref: String, csvHref: String,
         through: String, empty: Bool, ratings: Ratings?) {
        self.page = page
        self.procedureName = procedureName
        self.action = action
        self.periodLabel = periodLabel
        self.periods = periods
        self.units = units
        self.rows = rows
        self.assessment = assessment
        self.counts = counts
        self.months = months
        self.legend = legend
        self.chartWidth = chartWidth
        self.xlsxHref = xlsxHref
        self.csvHref = csvHref
        self.through = through
        self.empty = empty
        self.ratings = ratings
    }

    /// ST-01…06: the office's interview indicators for 2025 Q3, through National Day.
    static var mock: Self {
        var model = StatisticsModel(
            page: .mock("行政约谈统计"), procedureName: "行政约谈", action: "/statistics/interviews", periodLabel: "2025年第三季度",
            periods: SelectOption.list([("2025-Q3", "2025年第三季度"), ("2025-09", "2025年9月")], selected: "2025-Q3"),
            units: SelectOption.list([("unit-zc", MockData.unit)], selected: "unit-zc"),
            rows: [Row(name: "约谈按期办结率", numerator: "11", denominator: "12", rate: "91.7%", target: "≥90%", met: "达标", metClass: "met", citation: "ST-02"),
                   Row(name: "整改完成率 \(MockData.hostile)", numerator: "7", denominator: "9", rate: "77.8%", target: "≥85%", met: "未达标", metClass: "unmet",
                       citation: "ST-03")],
            assessment: Assessment(components: [Component(name: "按期办结", weight: "40", points: "36.7"), Component(name: "整改完成", weight: "60", points: "46.7")],
                                   total: "83.4", attainable: "100", annual: "8.34", annualWeight: "10%"),
            counts: [Count(label: "线索", value: 15), Count(label: "实施约谈", value: 12)],
            months: [Month(label: "9月", x: 8, bars: [Bar(label: "9月", x: 8, y: 50, height: 120, value: 6, series: 0, seriesLabel: "立案"),
                                                       Bar(label: "9月", x: 28, y: 90, height: 80, value: 4, series: 1, seriesLabel: "办结")])],
            legend: [Legend(series: 0, label: "立案"), Legend(series: 1, label: "办结")], chartWidth: 72,
            xlsxHref: "/statistics/interviews.xlsx?period=2025-Q3", csvHref: "/statistics/interviews.csv?period=2025-Q3", through: "2025年9月30日",
            empty: false,
            ratings: Ratings(rule: "IV-24", dimensions: ["服务态度", "公正规范"], rows: [RatingRow(name: "李明", count: 6, means: ["4.5", "4.8"])], minimumSample: 5))
        // statistics.md "targets configurable": the main leader's view, one target set for 2025.
        model.targetsNote = "目标按2025年度设定计算（1项已调整）。"
        model.targetsHref = "/statistics/interviews/targets?year=2025"
        return model
    }
}
