/// The plain-text calendar format an administrator types from a State Council notice and imports with
/// `fengqiao calendar import FILE`, the UI or the API (CAL-03). Export prints the same format, so
/// `parse(format(years)) == years`.
///
/// ```
/// # 2026年部分节假日安排            ← a line starting with # is a comment
/// year 2026                        ← starts a year; one block per year
/// notice 国办发明电〔2025〕7号        ← the notice's citation (required)
/// holiday 2026-01-01..2026-01-03 元旦   ← rest days, inclusive; the name is optional
/// holiday 2026-10-01 国庆节              ← a single rest day
/// workday 2026-01-04 元旦调休            ← a Saturday or Sunday declared a working day (调休上班)
/// ```
///
/// Rules: dates are `YYYY-MM-DD`; a year's dates lie between 1 December of the year before and
/// 31 January of the year after (cross-year New Year arrangements); a run is at most 31 days; a
/// make-up day is a Saturday or Sunday (CAL-01); no date is listed twice in a year. Keywords may also be
/// written 年份 / 通知 / 放假 / 上班. Blank lines are ignored; fields are separated by spaces, tabs or
/// full-width spaces.
public enum CalendarText {
    /// Parses a file, or throws the first problem: a `CalendarError` whose `line` is the 1-based line
    /// number and whose `messageZH` says what is wrong and what was expected.
    public static func parse(_ text: String) throws(CalendarError) -> [HolidayYear] {
        let (years, problems) = read(text)
        if let first = problems.first { throw first }
        return years
    }

    /// Every problem in a file, in line order (empty when `parse` would succeed), so the import screen
    /// can show them all at once.
    public static func diagnose(_ text: String) -> [CalendarError] { read(text).problems }

    /// Prints one year in the import format, holidays then make-up days, in stored order.
    public static func format(_ year: HolidayYear) -> String {
        var lines = ["# \(year.year)年部分节假日安排", "year \(year.year)", "notice \(year.notice)"]
        for span in year.holidays {
            let dates = span.first == span.last ? span.first.iso : "\(span.first.iso)..\(span.last.iso)"
            lines.append(join("holiday", dates, span.name))
        }
        for day in year.makeUpDays {
            lines.append(join("workday", day.date.iso, day.name))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Prints several years, separated by blank lines.
    public static func format(_ years: [HolidayYear]) -> String {
        years.map(format).joined(separator: "\n")
    }

    // MARK: - Reading

    private static func join(_ keyword: String, _ dates: String, _ name: String) -> String {
        name.isEmpty ? "\(keyword) \(dates)" : "\(keyword) \(dates) \(name)"
    }

    private enum Keyword {
        case year, notice, holiday, workday

        init?(_ word: Substring) {
            switch word {
            case "year", "年份": self = .year
            case "notice", "通知": self = .notice
            case "holiday", "放假": self = .holiday
            case "workday", "上班": self = .workday
            default: return nil
            }
        }
    }

    /// A year being read, with the line each date came from.
    private struct Block {
        let year: Int
        let line: Int
        var notice: String?
        var noticeLineSeen = false
        var holidays: [HolidaySpan] = []
        var makeUpDays: [MakeUpDay] = []
        var dateLines: [LocalDate: (line: Int, holiday: Bool)] = [:]

        var result: HolidayYear {
            HolidayYear(year: year, notice: notice ?? "", holidays: holidays, makeUpDays: makeUpDays)
        }
    }

    /// `2026-02-15..2026-02-23` → both ends; a single date → itself.
    private static func splitRange(_ text: Substring) -> [Substring] {
        guard let dots = text.firstRange(of: "..") else { return [text] }
        let rest = text[dots.upperBound...]
        return rest.contains("..") ? [text, rest, rest] : [text[..<dots.lowerBound], rest]
    }

    private static func isSeparator(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{3000}" }

    private static func read(_ text: String) -> (years: [HolidayYear], problems: [CalendarError]) {
        var problems: [CalendarError] = []
        var blocks: [Block] = []
        var yearLines: [Int: Int] = [:]

        func fail(_ line: Int, _ message: String, code: CalendarError.Code = .calendarSyntax, rule: String = "CAL-03") {
            problems.append(CalendarError(code, ruleID: rule, field: "file", line: line, "第\(line)行：\(message)"))
        }

        func finish(_ block: Block) {
            if !block.noticeLineSeen {
                fail(block.line, "\(block.year)年缺少 notice 行（通知文号，如 国办发明电〔2025〕7号）")
            }
            blocks.append(block)
        }

        var current: Block?
        // "\r\n" is a single Character in Swift, so split on any newline character.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let n = index + 1
            let line = raw.trimmingSeparators()
            if line.isEmpty || line.hasPrefix("#") { continue }

            let parts = line.split(maxSplits: 2, omittingEmptySubsequences: true, whereSeparator: isSeparator)
            guard let keyword = Keyword(parts[0]) else {
                fail(n, "无法识别“\(parts[0])”，每行应以 year、notice、holiday 或 workday 开头")
                continue
            }
            let argument = parts.count > 1 ? parts[1] : nil
            let rest = parts.count > 2 ? String(parts[2].trimmingSeparators()) : ""

            if keyword == .year {
                guard let argument, rest.isEmpty, let y = Int(argument), argument.count == 4,
                      (1900...9998).contains(y) else {
                    fail(n, "year 行应为“year YYYY”，如 year 2026")
                    continue
                }
                if let block = current { finish(block) }
                if let earlier = yearLines[y] {
                    fail(n, "\(y)年重复出现（首次在第\(earlier)行）")
                }
                yearLines[y] = yearLines[y] ?? n
                current = Block(year: y, line: n)
                continue
            }

            guard var block = current else {
                fail(n, "第一条 \(parts[0]) 之前必须先写 year 行")
                continue
            }
            defer { current = block }

            switch keyword {
            case .year:
                break  // handled above
            case .notice:
                block.noticeLineSeen = true
                let citation = line.dropFirst(parts[0].count).trimmingSeparators()
                if citation.isEmpty {
                    fail(n, "notice 后应写通知文号")
                } else if block.notice != nil {
                    fail(n, "\(block.year)年的 notice 重复")
                } else {
                    block.notice = String(citation)
                }
            case .holiday:
                guard let argument else {
                    fail(n, "holiday 行应为“holiday 起始日期..结束日期 名称”，如 holiday 2026-02-15..2026-02-23 春节")
                    continue
                }
                let ends = splitRange(argument)
                guard ends.count <= 2, let first = LocalDate(iso: String(ends[0])),
                      let last = ends.count == 2 ? LocalDate(iso: String(ends[1])) : first else {
                    fail(n, "日期“\(argument)”无效，应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD")
                    continue
                }
                let span = HolidaySpan(first: first, last: last, name: rest)
                if let range = HolidayYear.admissibleRange(forYear: block.year),
                   let problem = HolidayYear.problem(with: span, admissible: range) {
                    fail(n, problem, code: .calendarInvalid)
                    continue
                }
                var clash = false
                for day in span.days {
                    if let earlier = block.dateLines[day] {
                        let what = earlier.holiday ? "放假日" : "调休上班日"
                        fail(n, "\(day.iso) 已在第\(earlier.line)行列为\(what)", code: .calendarInvalid, rule: "CAL-01")
                        clash = true
                        break
                    }
                }
                if clash { continue }
                for day in span.days { block.dateLines[day] = (n, true) }
                block.holidays.append(span)
            case .workday:
                guard let argument, let date = LocalDate(iso: String(argument)) else {
                    fail(n, "workday 行应为“workday YYYY-MM-DD 名称”，如 workday 2026-02-14 春节调休")
                    continue
                }
                let day = MakeUpDay(date: date, name: rest)
                if let range = HolidayYear.admissibleRange(forYear: block.year),
                   let problem = HolidayYear.problem(with: day, admissible: range) {
                    fail(n, problem, code: .calendarInvalid, rule: "CAL-01")
                    continue
                }
                if let earlier = block.dateLines[date] {
                    let what = earlier.holiday ? "放假日" : "调休上班日"
                    fail(n, "\(date.iso) 已在第\(earlier.line)行列为\(what)", code: .calendarInvalid, rule: "CAL-01")
                    continue
                }
                block.dateLines[date] = (n, false)
                block.makeUpDays.append(day)
            }
        }
        if let block = current { finish(block) }
        if blocks.isEmpty, problems.isEmpty {
            fail(1, "文件中没有任何年份（应以“year YYYY”开始）")
        }
        problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return (blocks.map(\.result), problems)
    }
}

extension Substring {
    fileprivate func trimmingSeparators() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{3000}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[start...end]
    }
}
