import Foundation

/// the bounds every engine input field is held to, in one place. Input beyond them is refused
/// with a stable code and nothing is stored — never cut silently.
///
/// - one-line text (`text`, `category`, `choice`): 2,000 characters; a field may declare less (a
///   case title: 200);
/// - several lines (`textarea`, `lines`): 20,000 characters;
/// - dates: from 2000-01-01 to five years after today (a clue dated 0001-01-01 is a typing error).
public enum InputLimits {
    public static let textCharacters = 2_000
    public static let textareaCharacters = 20_000
    /// A case's title (案件名称): it heads lists, documents and the case number register.
    public static let titleCharacters = 200
    public static let earliestDate = LocalDate(year: 2000, month: 1, day: 1)!
    public static let yearsAhead = 5

    /// The latest date a field accepts, given today (five calendar years on; 29 Feb → 28 Feb).
    public static func latestDate(today: LocalDate) -> LocalDate {
        let year = today.year + yearsAhead
        return LocalDate(year: year, month: today.month, day: min(today.day, LocalDate.daysIn(year: year, month: today.month)))!
    }

    /// The default length limit of a field kind; nil for kinds whose parse bounds them.
    static func characters(_ kind: InputKind) -> Int? {
        switch kind {
        case .text, .category, .choice: textCharacters
        case .textarea, .lines: textareaCharacters
        case .date, .number, .checkbox, .user, .users, .party: nil
        }
    }
}

extension InputField {
    /// The field's length limit: its own, else its kind's.
    public var maxCharacters: Int? { maxLength ?? InputLimits.characters(kind) }

    /// every submitted value within the field's length; a date within the sane range.
    func limitErrors(_ input: ActionInput, today: LocalDate?) -> [FieldError] {
        if let limit = maxCharacters {
            let longest = (input.values[name] ?? []).map(\.count).max() ?? 0
            let total = (input.values[name] ?? []).reduce(0) { $0 + $1.count }
            if longest > limit || (kind == .lines && total > limit) {
                return [FieldError(field: name, rule: "X-06", code: "input.too-long",
                                   messageZH: "“\(labelZH)”不能超过\(limit)个字（现有\(max(longest, total))个字），请精简后再提交")]
            }
        }
        if kind == .date, let date = input.date(name) {
            if date < InputLimits.earliestDate {
                return [FieldError(field: name, rule: "X-06", code: "input.date.out-of-range",
                                   messageZH: "“\(labelZH)”不能早于\(InputLimits.earliestDate.iso)，请核对日期")]
            }
            if let today, date > InputLimits.latestDate(today: today) {
                return [FieldError(field: name, rule: "X-06", code: "input.date.out-of-range",
                                   messageZH: "“\(labelZH)”不能晚于\(InputLimits.latestDate(today: today).iso)，请核对日期")]
            }
        }
        return []
    }
}
