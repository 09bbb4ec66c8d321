import Foundation

// A procedure's weekly work meeting (MD-45: the 行政调解中心's Monday meeting): its day each week
// around holidays, what it must record, and the pack the recorder prepares — each person's work of
// the week before and the items overdue. Pure: the store reads the pack, the web shows it.

/// The weekly meeting a procedure's module declares (`ProcedureModule.weeklyMeeting`).
public struct WeeklyMeetingRule: Sendable, Equatable {
    public let titleZH: String
    public let rule: String
    /// Who prepares, records and reads the meeting (the centre).
    public let permission: Permission
    /// The meeting's length in minutes (MD-45: 30–60).
    public let minutes: ClosedRange<Int>

    public init(titleZH: String, rule: String, permission: Permission, minutes: ClosedRange<Int>) {
        self.titleZH = titleZH
        self.rule = rule
        self.permission = permission
        self.minutes = minutes
    }
}

public enum WeeklyMeeting {
    /// The Monday of the week (Monday to Sunday) holding `day`.
    public static func monday(of day: LocalDate) -> LocalDate { day.adding(days: 1 - day.weekday) }

    /// MD-45: the week's meeting day — its Monday when that is a working day, else the first working
    /// day of the same week (a make-up Saturday or Sunday included); nil when the week has none (the
    /// Spring Festival week), and then no meeting is held.
    public static func day(inWeekOf day: LocalDate, calendar: WorkCalendar) -> LocalDate? {
        let monday = monday(of: day)
        return (0..<7).lazy.map { monday.adding(days: $0) }.first(where: calendar.isWorkday)
    }

    /// The week reviewed at the meeting of the week of `monday`: the seven days before it.
    public static func reviewed(before monday: LocalDate) -> ClosedRange<LocalDate> { monday.adding(days: -7)...monday.adding(days: -1) }
}

/// One meeting as recorded (周例会记录): when, how long, who chaired and who recorded, who attended,
/// what was decided.
public struct WeeklyMeetingRecord: Sendable, Equatable, Codable {
    public let week: LocalDate
    public let heldOn: LocalDate
    public let startTime: String
    public let minutes: Int
    public let chairID: UUID
    public let recorderID: UUID
    public let attendees: String
    public let record: String

    public init(week: LocalDate, heldOn: LocalDate, startTime: String, minutes: Int, chairID: UUID, recorderID: UUID, attendees: String, record: String) {
        self.week = week
        self.heldOn = heldOn
        self.startTime = startTime
        self.minutes = minutes
        self.chairID = chairID
        self.recorderID = recorderID
        self.attendees = attendees
        self.record = record
    }

    /// Checks a meeting of the week of `week` from the form's raw values: held on a working day
    /// of that week, not in the future, at a time `HH:MM` in the morning, 30–60 minutes, chaired and
    /// recorded by two people of the unit (`people`), with attendees and a record.
    public static func validate(week: LocalDate, heldOn rawDay: String?, startTime rawTime: String?, minutes rawMinutes: String?,
                                chair: String?, recorder: String?, attendees: String?, record: String?, rule: WeeklyMeetingRule,
                                people: Set<UUID>, today: LocalDate, calendar: WorkCalendar) -> Result<WeeklyMeetingRecord, DomainError> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String, rule r: String? = nil) {
            errors.append(FieldError(field: field, rule: r ?? rule.rule, code: code, messageZH: message))
        }
        let monday = WeeklyMeeting.monday(of: week)
        let heldOn = rawDay.flatMap { LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }
        if let heldOn {
            if WeeklyMeeting.monday(of: heldOn) != monday {
                fail("heldOn", "meeting.day.other-week", "例会日期须在\(monday.iso)至\(monday.adding(days: 6).iso)这一周内")
            } else if !calendar.isWorkday(heldOn) {
                fail("heldOn", "meeting.day.rest", "\(heldOn.iso)不是工作日")
            }
            if heldOn > today { fail("heldOn", "meeting.day.future", "例会日期不能晚于今天（\(today.iso)）", rule: "X-06") }
        } else {
            fail("heldOn", "meeting.day.invalid", "请填写例会日期（YYYY-MM-DD）", rule: "X-06")
        }
        let time = (rawTime ?? "").trimmingCharacters(in: .whitespaces)
        let parts = time.split(separator: ":").compactMap { Int($0) }
        if time.wholeMatch(of: /[0-9]{2}:[0-9]{2}/) == nil || parts.count != 2 || parts[1] > 59 || !(6...11).contains(parts[0]) {
            fail("startTime", "meeting.time.morning", "例会于上午召开，请填写开始时间（如 08:30）")
        }
        let minutes = Int((rawMinutes ?? "").trimmingCharacters(in: .whitespaces))
        if let minutes, rule.minutes.contains(minutes) {} else {
            fail("minutes", "meeting.minutes.range", "例会时长为\(rule.minutes.lowerBound)至\(rule.minutes.upperBound)分钟")
        }
        let chairID = chair.flatMap(UUID.init(uuidString:)).flatMap { people.contains($0) ? $0 : nil }
        let recorderID = recorder.flatMap(UUID.init(uuidString:)).flatMap { people.contains($0) ? $0 : nil }
        if chairID == nil { fail("chair", "meeting.chair.required", "请选择主持人（中心负责人）") }
        if recorderID == nil { fail("recorder", "meeting.recorder.required", "请选择指定的记录人") }
        if let chairID, chairID == recorderID { fail("recorder", "meeting.recorder.chair", "记录人不能是主持人") }
        let attendeesText = (attendees ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if attendeesText.isEmpty { fail("attendees", "meeting.attendees.required", "请填写参加人员", rule: "X-06") }
        let recordText = (record ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if recordText.isEmpty { fail("record", "meeting.record.required", "请填写会议记录（上周工作、逾期事项及本周安排）", rule: "X-06") }
        if recordText.count > 5000 { fail("record", "meeting.record.long", "会议记录不超过5000字", rule: "X-06") }
        guard errors.isEmpty, let heldOn, let minutes, let chairID, let recorderID else { return .failure(.invalid(errors)) }
        return .success(WeeklyMeetingRecord(week: monday, heldOn: heldOn, startTime: time, minutes: minutes, chairID: chairID, recorderID: recorderID,
                                            attendees: attendeesText, record: recordText))
    }
}

/// One person's part of the meeting pack (MD-45): the steps taken on the procedure's cases in the
/// week reviewed, and the clocks of the cases waiting on them that are overdue on the meeting day.
public struct WeeklyMeetingPackEntry: Sendable, Equatable {
    public struct Overdue: Sendable, Equatable {
        public let caseNumber: String
        public let stepZH: String
        public let due: LocalDate

        public init(caseNumber: String, stepZH: String, due: LocalDate) {
            self.caseNumber = caseNumber
            self.stepZH = stepZH
            self.due = due
        }
    }

    public let personID: UUID
    public let name: String
    public let steps: Int
    public let cases: [String]
    public let overdue: [Overdue]

    public init(personID: UUID, name: String, steps: Int, cases: [String], overdue: [Overdue]) {
        self.personID = personID
        self.name = name
        self.steps = steps
        self.cases = cases
        self.overdue = overdue
    }
}
