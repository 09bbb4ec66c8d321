import Testing
@testable import FengqiaoCore

private func day(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

/// The first problem `CalendarText.parse` reports, or nil when it parses.
private func problem(_ text: String) -> CalendarError? {
    do {
        _ = try CalendarText.parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite("Calendar import format (CAL-03)")
struct CalendarTextTests {
    let example = """
        # 2026年部分节假日安排 国办发明电〔2025〕7号
        year 2026
        notice 国办发明电〔2025〕7号
        holiday 2026-01-01..2026-01-03 元旦
        holiday 2026-02-15..2026-02-23 春节
        workday 2026-01-04 元旦调休
        """

    @Test("CAL-03 parses the administrator's example")
    func parsesExample() throws {
        let years = try CalendarText.parse(example)
        #expect(years.count == 1)
        let y = try #require(years.first)
        #expect(y.year == 2026)
        #expect(y.notice == "国办发明电〔2025〕7号")
        #expect(y.holidays == [
            HolidaySpan(first: day("2026-01-01"), last: day("2026-01-03"), name: "元旦"),
            HolidaySpan(first: day("2026-02-15"), last: day("2026-02-23"), name: "春节"),
        ])
        #expect(y.makeUpDays == [MakeUpDay(date: day("2026-01-04"), name: "元旦调休")])
    }

    @Test("CAL-03 every shipped year prints and parses back to itself")
    func roundTripShipped() throws {
        let text = CalendarText.format(HolidayData.years)
        #expect(try CalendarText.parse(text) == HolidayData.years)
        for year in HolidayData.years {
            #expect(try CalendarText.parse(CalendarText.format(year)) == [year])
        }
    }

    @Test("CAL-03 the printed 2025 year reads like the notice")
    func printed2025() throws {
        let y = try #require(WorkCalendar.shipped.notice(forYear: 2025))
        #expect(CalendarText.format(y) == """
            # 2025年部分节假日安排
            year 2025
            notice 国办发明电〔2024〕12号
            holiday 2025-01-01 元旦
            holiday 2025-01-28..2025-02-04 春节
            holiday 2025-04-04..2025-04-06 清明节
            holiday 2025-05-01..2025-05-05 劳动节
            holiday 2025-05-31..2025-06-02 端午节
            holiday 2025-10-01..2025-10-08 国庆节、中秋节
            workday 2025-01-26 春节调休
            workday 2025-02-08 春节调休
            workday 2025-04-27 劳动节调休
            workday 2025-09-28 国庆节调休
            workday 2025-10-11 国庆节调休

            """)
    }

    @Test("CAL-03 Chinese keywords, full-width spaces, CRLF, optional names and several years")
    func tolerantInput() throws {
        let text = "年份 2027\r\n通知\u{3000}国办发明电〔2026〕X号\r\n放假 2027-01-01\r\n上班 2027-01-03  \r\n\r\nyear 2028\nnotice N\nholiday 2028-01-01..2028-01-01   元旦  假期\n"
        let years = try CalendarText.parse(text)
        #expect(years.map(\.year) == [2027, 2028])
        #expect(years[0].notice == "国办发明电〔2026〕X号")
        #expect(years[0].holidays == [HolidaySpan(first: day("2027-01-01"), last: day("2027-01-01"), name: "")])
        #expect(years[0].makeUpDays == [MakeUpDay(date: day("2027-01-03"), name: "")])
        #expect(years[1].holidays.first?.name == "元旦  假期")
    }

    @Test("CAL-03 parse errors carry the line number and a Chinese message", arguments: [
        ("year 2026\nnotice N\nvacation 2026-01-01", 3, "无法识别"),
        ("# c\nholiday 2026-01-01", 2, "必须先写 year"),
        ("year 26", 1, "year YYYY"),
        ("year 2026\nnotice N\nholiday 2026-02-30 春节", 3, "无效"),
        ("year 2026\nnotice N\nholiday 2026-02-23..2026-02-15", 3, "晚于"),
        ("year 2026\nnotice N\nholiday 2026-01-01..2026-03-01", 3, "超过31天"),
        ("year 2026\nnotice N\nholiday 2027-05-01", 3, "之间"),
        ("year 2026\nnotice N\nworkday 2026-01-05 元旦调休", 3, "星期一"),
        ("year 2026\nnotice N\nholiday 2026-01-01..2026-01-03\nworkday 2026-01-03", 4, "第3行列为放假日"),
        ("year 2026\nnotice N\nholiday 2026-01-01\nholiday 2025-12-31..2026-01-01", 4, "已在第3行"),
        ("year 2026\nnotice N\n\nyear 2026\nnotice N", 4, "重复出现（首次在第1行）"),
        ("year 2026\nholiday 2026-01-01", 1, "缺少 notice"),
        ("year 2026\nnotice N\nnotice M", 3, "notice 重复"),
        ("year 2026\nnotice\n", 2, "通知文号"),
        ("# only a comment\n", 1, "没有任何年份"),
        ("year 2026\nnotice N\nworkday", 3, "workday YYYY-MM-DD"),
    ])
    func errors(text: String, line: Int, fragment: String) {
        let error = problem(text)
        #expect(error?.line == line, "\(text)")
        #expect(error?.messageZH.hasPrefix("第\(line)行：") == true, "\(error?.messageZH ?? "no error")")
        #expect(error?.messageZH.contains(fragment) == true, "\(error?.messageZH ?? "no error")")
    }

    @Test("CAL-01 a make-up day on a weekday is refused with the rule ID")
    func makeUpOnWeekday() {
        let error = problem("year 2026\nnotice N\nworkday 2026-01-05")
        #expect(error?.code == .calendarInvalid)
        #expect(error?.ruleID == "CAL-01")
    }

    @Test("CAL-03 diagnose lists every problem in line order")
    func diagnoseAll() {
        let problems = CalendarText.diagnose("year 2026\nnotice N\nholiday 2026-13-01\nworkday 2026-01-05\nfoo")
        #expect(problems.map(\.line) == [3, 4, 5])
        #expect(CalendarText.diagnose(example).isEmpty)
    }

    @Test("CAL-03 an imported year changes the calendar as a new revision")
    func importChangesCalendar() throws {
        // setup: a corrected 2026 that (hypothetically) also gives 2026-10-09 off
        let text = CalendarText.format(try #require(WorkCalendar.shipped.notice(forYear: 2026)))
            + "holiday 2026-10-09 测试更正\n"
        // act
        let years = try CalendarText.parse(text)
        let revised = WorkCalendar.shipped.replacing(try #require(years.first))
        // check
        #expect(revised.revision == 1)
        #expect(!revised.isWorkday(day("2026-10-09")))
        #expect(WorkCalendar.shipped.isWorkday(day("2026-10-09")))
        #expect(revised.due(from: day("2026-10-08"), count: 1, unit: .workday).date == day("2026-10-10"))
        #expect(WorkCalendar.shipped.due(from: day("2026-10-08"), count: 1, unit: .workday).date == day("2026-10-09"))
    }

    @Test("CAL-03 validate() refuses the same problems for data entered through the API")
    func validateAPIData() {
        let bad = HolidayYear(year: 2026, notice: "N", holidays: [HolidaySpan(first: day("2026-01-01"), last: day("2026-01-03"), name: "")],
                              makeUpDays: [MakeUpDay(date: day("2026-01-03"), name: "")])
        #expect(throws: CalendarError.self) { try bad.validate() }
        let weekday = HolidayYear(year: 2026, notice: "N", holidays: [], makeUpDays: [MakeUpDay(date: day("2026-01-05"), name: "")])
        do {
            try weekday.validate()
            Issue.record("expected a refusal")
        } catch {
            #expect(error.ruleID == "CAL-01")
            #expect(error.field == "makeUpDays[0]")
        }
    }
}
