import Testing
@testable import FengqiaoCore

private func day(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

private func workdays(_ n: Int, maxExtension: Int = 0, grants: Int? = nil, permission: String? = nil) -> TimeLimitRule {
    TimeLimitRule(n, .workday, from: "test.start", maxExtension: maxExtension, maxExtensionGrants: grants,
                  extensionPermission: permission, citation: "test")
}

private func calendarDays(_ n: Int, maxExtension: Int = 0, permission: String? = nil) -> TimeLimitRule {
    TimeLimitRule(n, .day, from: "test.start", maxExtension: maxExtension, extensionPermission: permission, citation: "test")
}

/// Runs `body` and returns the CalendarError it throws, or nil (any other error fails the test).
private func refusal(_ body: () throws -> Void) -> CalendarError? {
    do {
        try body()
        return nil
    } catch let error as CalendarError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite("Clocks (CAL-30…CAL-33, CAL-40)")
struct ClockTests {
    // MARK: Suspension (CAL-31)

    @Test("CAL-31 complaints scenario 2: testing 2025-02-10…02-21 (10 working days) moves 2025-03-12 to 2025-03-26")
    func testingPause() throws {
        // setup
        var clock = try Clock(start: day("2025-01-02"), rule: workdays(45))
        #expect(clock.dueDate.date == day("2025-03-12"))
        // act
        try clock.suspend(from: day("2025-02-10"), ground: "检验检测", approver: "u-head")
        try clock.resume(lastSuspendedDay: day("2025-02-21"))
        // check
        #expect(clock.dueDate == DueDate(date: day("2025-03-26"), provisional: false))
        #expect(clock.stoppedDays(asOf: day("2025-03-01")) == 10)
        #expect(clock.state(today: day("2025-03-26")) == .running)
        #expect(clock.state(today: day("2025-03-27")) == .overdue)
    }

    @Test("CAL-31 a suspension across the 2025 National Day moves the due date by its working days only")
    func suspensionAcrossNationalDay() throws {
        // setup: 5 working days from Fri 2025-09-26 → 9/28 (make-up), 9/29, 9/30, 10/9, 10/10
        var clock = try Clock(start: day("2025-09-26"), rule: workdays(5))
        #expect(clock.dueDate.date == day("2025-10-10"))
        // act: stopped 9/29…10/9 — working days 9/29, 9/30, 10/9 (the holiday 10/1–10/8 was never counted)
        try clock.suspend(from: day("2025-09-29"), to: day("2025-10-09"), ground: "等待当事人补正材料", approver: "u-head")
        // check: 10/10 + 3 working days = 10/11 (make-up Saturday), 10/13, 10/14
        #expect(clock.dueDate.date == day("2025-10-14"))
        #expect(clock.stoppedDays(asOf: day("2025-10-20")) == 3)
        #expect(WorkCalendar.shipped.between(day("2025-10-10"), clock.dueDate.date) == 3)
    }

    @Test("CAL-31 a suspension wholly inside the holiday moves a working-day clock by nothing and a calendar-day clock by its length")
    func suspensionInsideHoliday() throws {
        var wd = try Clock(start: day("2025-09-26"), rule: workdays(5))
        try wd.suspend(from: day("2025-10-01"), to: day("2025-10-08"), ground: "听证", approver: "u-head")
        #expect(wd.dueDate.date == day("2025-10-10"))
        #expect(wd.stoppedDays(asOf: day("2025-10-10")) == 0)

        var cd = try Clock(start: day("2025-09-20"), rule: calendarDays(15))  // raw 10-05 → 10-09
        #expect(cd.dueDate.date == day("2025-10-09"))
        try cd.suspend(from: day("2025-10-01"), to: day("2025-10-08"), ground: "听证", approver: "u-head")
        #expect(cd.dueDate.date == day("2025-10-13"))  // raw 10-05 + 8 = 10-13, a Monday
        #expect(cd.stoppedDays(asOf: day("2025-10-13")) == 8)
    }

    @Test("CAL-31 a suspension straddling the due date pushes the days still owed past its end")
    func straddlingSuspension() throws {
        // setup: 3 working days from 2025-09-30 → 10/9, 10/10, 10/11
        var clock = try Clock(start: day("2025-09-30"), rule: workdays(3))
        #expect(clock.dueDate.date == day("2025-10-11"))
        // act: stopped from 10/10 (open)
        try clock.suspend(from: day("2025-10-10"), ground: "检验检测", approver: "u-head")
        // check: counted 10/9; 10/10 onwards stopped; projection if resumed after 10/13 → 10/14, 10/15
        #expect(clock.state(today: day("2025-10-13")) == .suspended)
        #expect(clock.signal(today: day("2025-10-13")) == .green)
        #expect(clock.dueDate(asOf: day("2025-10-13")).date == day("2025-10-15"))
        #expect(clock.dueDate(asOf: day("2025-10-14")).date == day("2025-10-16"))
        #expect(clock.stoppedDays(asOf: day("2025-10-14")) == 4)  // 10/10, 10/11, 10/13, 10/14
        try clock.resume(lastSuspendedDay: day("2025-10-13"))
        #expect(clock.dueDate.date == day("2025-10-15"))
        #expect(clock.state(today: day("2025-10-14")) == .running)
    }

    @Test("CAL-31 a calendar-day clock moves by calendar days (petition 60日 with a 10-day pause)")
    func calendarDaySuspension() throws {
        var clock = try Clock(start: day("2025-08-04"), rule: calendarDays(60))
        #expect(clock.dueDate.date == day("2025-10-09"))
        try clock.suspend(from: day("2025-09-01"), to: day("2025-09-10"), ground: "听证", approver: "u-head")
        #expect(clock.dueDate.date == day("2025-10-13"))  // raw 10-03 + 10 = 10-13
    }

    @Test("CAL-31 suspensions are refused after the due date, before the start, overlapping, while open or without ground")
    func suspensionRefusals() throws {
        var clock = try Clock(start: day("2025-09-30"), rule: workdays(3))  // due 10-11
        #expect(refusal { try clock.suspend(from: day("2025-10-13"), ground: "检验检测", approver: "u") }?.code == .suspensionInvalid)
        #expect(refusal { try clock.suspend(from: day("2025-09-29"), ground: "检验检测", approver: "u") }?.ruleID == "CAL-31")
        #expect(refusal { try clock.suspend(from: day("2025-10-09"), ground: " ", approver: "u") }?.code == .recordIncomplete)
        #expect(refusal { try clock.suspend(from: day("2025-10-09"), ground: "检验检测", approver: "") }?.field == "approver")
        #expect(refusal { try clock.suspend(from: day("2025-10-10"), to: day("2025-10-09"), ground: "检验检测", approver: "u") } != nil)
        try clock.suspend(from: day("2025-10-09"), ground: "检验检测", approver: "u")
        #expect(refusal { try clock.suspend(from: day("2025-10-20"), ground: "检验检测", approver: "u") }?.messageZH.contains("未结束") == true)
        #expect(refusal { try clock.resume(lastSuspendedDay: day("2025-10-08")) } != nil)
        try clock.resume(lastSuspendedDay: day("2025-10-10"))
        #expect(refusal { try clock.suspend(from: day("2025-10-10"), ground: "检验检测", approver: "u") }?.messageZH.contains("重叠") == true)
        #expect(refusal { try clock.resume(lastSuspendedDay: day("2025-10-20")) } != nil)
        // A suspension may begin on the start day; the start day is never counted anyway.
        var other = try Clock(start: day("2025-09-30"), rule: workdays(3))
        try other.suspend(from: day("2025-09-30"), to: day("2025-10-09"), ground: "检验检测", approver: "u")
        #expect(other.dueDate.date == day("2025-10-13"))  // 10/10, 10/11, 10/13
    }

    // MARK: Extension (CAL-32)

    @Test("CAL-32 interview scenario 8: legality review extended 2 → 5 working days by the deputy leader")
    func legalReviewExtension() throws {
        // setup
        let rule = try #require(ShippedRuleSets.interview.rule("legalReview"))
        var clock = try Clock(start: day("2025-09-30"), rule: rule)
        #expect(clock.dueDate.date == day("2025-10-10"))
        // act
        try clock.extend(by: 3, ground: "重大疑难案件", approver: "u-deputy",
                         approverPermissions: ["interview.approve.ordinary"], grantedOn: day("2025-10-09"))
        // check
        #expect(clock.dueDate.date == day("2025-10-14"))
        #expect(clock.extended == 3)
        #expect(clock.extensions.first?.approver == "u-deputy")
    }

    @Test("CAL-32 extensions beyond the maximum, without permission, or after expiry are refused")
    func extensionRefusals() throws {
        let rule = try #require(ShippedRuleSets.interview.rule("legalReview"))
        var clock = try Clock(start: day("2025-09-30"), rule: rule)  // due 10-10
        let noPermission = refusal {
            try clock.extend(by: 3, ground: "重大疑难", approver: "u-officer", approverPermissions: ["case.create"], grantedOn: day("2025-10-09"))
        }
        #expect(noPermission?.code == .extensionNotPermitted)
        #expect(noPermission?.ruleID == "CAL-32")
        let tooMuch = refusal {
            try clock.extend(by: 4, ground: "重大疑难", approver: "u-deputy", approverPermissions: ["interview.approve.ordinary"], grantedOn: day("2025-10-09"))
        }
        #expect(tooMuch?.code == .extensionExceedsMaximum)
        #expect(tooMuch?.messageZH.contains("最多3个工作日") == true)
        let late = refusal {
            try clock.extend(by: 3, ground: "重大疑难", approver: "u-deputy", approverPermissions: ["interview.approve.ordinary"], grantedOn: day("2025-10-11"))
        }
        #expect(late?.code == .extensionAfterExpiry)
        #expect(refusal {
            try clock.extend(by: 0, ground: "重大疑难", approver: "u-deputy", approverPermissions: ["interview.approve.ordinary"], grantedOn: day("2025-10-09"))
        }?.code == .recordIncomplete)
        try clock.extend(by: 1, ground: "重大疑难", approver: "u-deputy", approverPermissions: ["interview.approve.ordinary"], grantedOn: day("2025-10-10"))
        let second = refusal {
            try clock.extend(by: 1, ground: "重大疑难", approver: "u-deputy", approverPermissions: ["interview.approve.ordinary"], grantedOn: day("2025-10-10"))
        }
        #expect(second?.messageZH.contains("只能延期1次") == true)
        // A rule without an extension allowance refuses any extension.
        var fixed = try Clock(start: day("2025-09-30"), rule: workdays(3))
        #expect(refusal {
            try fixed.extend(by: 1, ground: "x", approver: "u", approverPermissions: [], grantedOn: day("2025-10-09"))
        }?.messageZH == "该时限不得延期")
    }

    @Test("CAL-32 mediation scenario 1B: +10 working days approved 2025-10-28 → 2025-11-13; asked on 2025-10-31 → refused")
    func mediationExtension() throws {
        let rule = try #require(ShippedRuleSets.mediation.rule("mediation"))
        var clock = try Clock(start: day("2025-09-26"), rule: rule)
        #expect(clock.dueDate.date == day("2025-10-30"))
        var late = clock
        #expect(refusal {
            try late.extend(by: 10, ground: "案情复杂", approver: "u-director", approverPermissions: ["mediation.extend"], grantedOn: day("2025-10-31"))
        }?.code == .extensionAfterExpiry)
        try clock.extend(by: 10, ground: "案情复杂", approver: "u-director", approverPermissions: ["mediation.extend"], grantedOn: day("2025-10-28"))
        #expect(clock.dueDate.date == day("2025-11-13"))
    }

    @Test("CAL-32 petition scenario 2: +30日 from the unrolled end 10-03 → 11-02 (Sunday) → 2025-11-03; a second extension is refused")
    func petitionExtension() throws {
        let rule = try #require(ShippedRuleSets.petition.rule("handling"))
        var clock = try Clock(start: day("2025-08-04"), rule: rule)
        #expect(clock.dueDate.date == day("2025-10-09"))
        try clock.extend(by: 30, ground: "情况复杂", approver: "u-chief", approverPermissions: ["petition.extend"], grantedOn: day("2025-09-30"))
        #expect(clock.dueDate.date == day("2025-11-03"))
        #expect(refusal {
            try clock.extend(by: 5, ground: "情况复杂", approver: "u-chief", approverPermissions: ["petition.extend"], grantedOn: day("2025-10-20"))
        }?.code == .extensionExceedsMaximum)
    }

    @Test("CAL-31/CAL-32 extension and suspension together across the 2025 National Day")
    func extensionAndSuspension() throws {
        // 5 wd from 2025-09-26 → 10-10; +2 → 10-11, 10-13; then stop 9/29–9/30 (2 working days) → 10-14, 10-15
        var clock = try Clock(start: day("2025-09-26"), rule: workdays(5, maxExtension: 5, permission: "p"))
        try clock.extend(by: 2, ground: "g", approver: "a", approverPermissions: ["p"], grantedOn: day("2025-09-28"))
        #expect(clock.dueDate.date == day("2025-10-13"))
        try clock.suspend(from: day("2025-09-29"), to: day("2025-09-30"), ground: "g", approver: "a")
        #expect(clock.dueDate.date == day("2025-10-15"))
        #expect(WorkCalendar.shipped.between(day("2025-09-26"), clock.dueDate.date) == 5 + 2 + 2)
    }

    // MARK: State (CAL-30, CAL-33) and signal (CAL-40)

    @Test("CAL-33 met on or before the due date; overdue after it, and still overdue after a late end")
    func metAndOverdue() throws {
        let clock = try Clock(start: day("2025-09-30"), rule: workdays(5))  // due 10-14
        #expect(clock.state(today: day("2025-10-14"), ended: day("2025-10-14")) == .met)
        #expect(clock.state(today: day("2025-10-20"), ended: day("2025-10-09")) == .met)
        #expect(clock.state(today: day("2025-10-14")) == .running)
        #expect(clock.state(today: day("2025-10-15")) == .overdue)
        #expect(clock.state(today: day("2025-10-20"), ended: day("2025-10-16")) == .overdue)
        #expect(clock.signal(today: day("2025-10-20"), ended: day("2025-10-16")) == .red)
        #expect(clock.signal(today: day("2025-10-20"), ended: day("2025-10-14")) == .green)
        // An end date after today is not yet an end.
        #expect(clock.state(today: day("2025-10-10"), ended: day("2025-10-13")) == .running)
    }

    @Test("CAL-30 a cancelled clock is cancelled and refuses further records")
    func cancelled() throws {
        var clock = try Clock(start: day("2025-09-30"), rule: workdays(5))
        try clock.cancel(on: day("2025-10-09"))
        #expect(clock.state(today: day("2025-10-08")) == .running)
        #expect(clock.state(today: day("2025-10-20")) == .cancelled)
        #expect(refusal { try clock.suspend(from: day("2025-10-10"), ground: "g", approver: "a") }?.code == .clockClosed)
    }

    @Test("CAL-40 green, yellow within 2 working days, orange on the due day, red after", arguments: [
        ("2025-09-30", Signal.green), ("2025-10-01", .green), ("2025-10-10", .green),
        ("2025-10-11", .yellow), ("2025-10-12", .yellow), ("2025-10-13", .yellow),
        ("2025-10-14", .orange), ("2025-10-15", .red),
    ])
    func signals(today: String, expected: Signal) throws {
        let clock = try Clock(start: day("2025-09-30"), rule: workdays(5))  // due 10-14
        #expect(clock.signal(today: day(today)) == expected)
    }

    @Test("CAL-40 the warning window is configurable")
    func warningWindow() throws {
        let clock = try Clock(start: day("2025-09-30"), rule: workdays(5))
        #expect(clock.signal(today: day("2025-10-01"), warningWindow: 5) == .yellow)
        #expect(clock.signal(today: day("2025-10-11"), warningWindow: 1) == .green)
        #expect(clock.signal(today: day("2025-10-13"), warningWindow: 1) == .yellow)
    }

    // MARK: Other rules

    @Test("CAL-04 a clock recomputed on a new calendar revision takes the new date and revision")
    func recompute() throws {
        let clock = try Clock(start: day("2026-12-28"), rule: workdays(5))
        #expect(clock.dueDate == DueDate(date: day("2027-01-04"), provisional: true))
        let y2027 = HolidayYear(year: 2027, notice: "测试", holidays: [HolidaySpan(first: day("2027-01-01"), last: day("2027-01-01"), name: "元旦")], makeUpDays: [])
        let next = clock.recomputed(with: WorkCalendar.shipped.replacing(y2027))
        #expect(next.dueDate == DueDate(date: day("2027-01-05"), provisional: false))
        #expect(next.calendarRevision == clock.calendarRevision + 1)
    }

    @Test("CAL-14 a counting-back clock: the rectification report is due 2025-09-29 for a 2025-10-10 deadline")
    func countingBackClock() throws {
        let rule = try #require(ShippedRuleSets.interview.rule("rectificationReport"))
        let clock = try Clock(start: day("2025-10-10"), rule: rule)
        #expect(clock.dueDate == DueDate(date: day("2025-09-29"), provisional: false))
    }

    @Test("CAL-13 an hour rule cannot drive a date clock, nor a day rule an instant clock")
    func hourRuleRefused() throws {
        let rule = try #require(ShippedRuleSets.interview.rule("interviewUrgent"))
        #expect(refusal { _ = try Clock(start: day("2025-09-30"), rule: rule) }?.code == .ruleUnusable)
        #expect(refusal { _ = try Clock(startAt: Self.beijing("2025-09-30", 16, 0), rule: workdays(5)) }?.code == .ruleUnusable)
    }

    /// Unix seconds of a Beijing wall time (UTC+8).
    static func beijing(_ iso: String, _ hour: Int, _ minute: Int) -> Int64 {
        WorkCalendar.endOfDayInstant(day(iso)) - 86_400 + Int64(hour * 3600 + minute * 60)
    }

    @Test("CAL-13 an urgent interview served 2025-09-30 16:00 is due 2025-10-01 16:00 exactly, not rolled over the National Day holiday")
    func hourClockDueInstant() throws {
        // setup
        let rule = try #require(ShippedRuleSets.interview.rule("interviewUrgent"))
        // act
        let clock = try Clock(startAt: Self.beijing("2025-09-30", 16, 0), rule: rule)
        // check: 24 hours later, on a holiday (10-01…10-08 rest, next working day 10-09): not rolled
        #expect(clock.start == day("2025-09-30"))
        #expect(clock.dueAt == Self.beijing("2025-10-01", 16, 0))
        #expect(clock.dueDate(asOf: day("2025-09-30")).date == day("2025-10-01"))
        #expect(clock.dueDate.provisional == false)
    }

    @Test("CAL-13 CAL-33 an hour clock is met at or before its due instant and overdue one second after, and stays overdue after a late end")
    func hourClockMetOverdueAtInstant() throws {
        // setup: a media report at 2025-09-29 09:30 (a working Monday), 48 hours → 2025-10-01 09:30 (a holiday)
        let rule = try #require(ShippedRuleSets.interview.rule("mediaResponse"))
        let start = Self.beijing("2025-09-29", 9, 30)
        let clock = try Clock(startAt: start, rule: rule)
        let due = Self.beijing("2025-10-01", 9, 30)
        #expect(clock.dueAt == due)
        // check: open — running up to the due instant, overdue the second after, though the date is the same
        #expect(clock.state(now: due) == .running)
        #expect(clock.signal(now: due) == .orange)
        #expect(clock.state(now: due + 1) == .overdue)
        #expect(clock.signal(now: due + 1) == .red)
        #expect(clock.state(now: Self.beijing("2025-09-29", 10, 0)) == .running)
        // ended exactly at the due instant: met; one second late: overdue, and it stays so later
        #expect(clock.state(now: due + 3600, endedAt: due) == .met)
        #expect(clock.state(now: Self.beijing("2025-10-20", 9, 0), endedAt: due + 1) == .overdue)
        #expect(clock.signal(now: Self.beijing("2025-10-20", 9, 0), endedAt: due + 1) == .red)
        // a day clock answered at an instant reads the Beijing date: 2025-09-30 23:59 is still 09-30
        let dayClock = try Clock(start: day("2025-09-29"), rule: workdays(1))
        #expect(dayClock.state(now: Self.beijing("2025-09-30", 23, 59)) == .running)
        #expect(dayClock.state(now: Self.beijing("2025-10-01", 0, 1)) == .overdue)
    }

    @Test("CAL-13 CAL-31 an hour clock cannot be suspended")
    func hourClockNotSuspended() throws {
        let rule = try #require(ShippedRuleSets.interview.rule("mediaResponse"))
        var clock = try Clock(startAt: Self.beijing("2025-09-30", 16, 0), rule: rule)
        #expect(refusal { try clock.suspend(from: day("2025-10-01"), ground: "检验检测", approver: "王所长") }?.ruleID == "CAL-13")
        #expect(clock.suspensions.isEmpty)
    }

    @Test("CAL-31 property: a closed suspension before the due date moves it by exactly its working days")
    func propertySuspension() throws {
        let cal = WorkCalendar.shipped
        var seed: UInt64 = 0x5EED
        func next(_ range: ClosedRange<Int>) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((seed >> 33) % UInt64(range.count))
        }
        let lo = day("2004-01-01").ordinal, hi = day("2026-09-30").ordinal
        for _ in 0..<1_000 {
            let start = LocalDate(ordinal: next(lo...hi))
            let n = next(3...40)
            var clock = try Clock(start: start, rule: workdays(n))
            let original = clock.dueDate.date
            let from = start.adding(days: next(1...max(1, original.ordinal - start.ordinal)))
            let to = from.adding(days: next(0...20))
            try clock.suspend(from: from, to: to, ground: "g", approver: "a")
            let suspended = cal.between(from.adding(days: -1), to)
            #expect(cal.between(original, clock.dueDate.date) == suspended, "\(start.iso)+\(n) stop \(from.iso)…\(to.iso)")
            #expect(cal.isWorkday(clock.dueDate.date))
        }
    }
}
