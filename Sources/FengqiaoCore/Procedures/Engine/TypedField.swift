import Foundation

// Typed input fields (issue 12 item 2): a transition declares each field once — its name, label and
// kind for pages and the API, and how its value is read — and decodes its input through them, so a
// field name is spelled once and no value is force-unwrapped.

/// A value offered by a `choice` field: a string-backed enum with Chinese names.
public protocol ChoiceValue: RawRepresentable<String>, CaseIterable, Sendable {
    var nameZH: String { get }
}

/// One input field and how its value is read from an `ActionInput`.
public struct TypedField<Value: Sendable>: Sendable {
    /// The field as pages and the API show it (and the engine validates, X-06).
    public let spec: InputField
    private let parse: @Sendable (ActionInput, String) -> Value?

    init(_ spec: InputField, parse: @escaping @Sendable (ActionInput, String) -> Value?) {
        self.spec = spec
        self.parse = parse
    }

    public var name: String { spec.name }

    /// The value, or nil when absent (or, for a field that passed validation, never for a required one).
    public func callAsFunction(_ input: ActionInput) -> Value? { parse(input, spec.name) }
}

extension TypedField where Value == String {
    /// One line of text.
    public static func text(_ name: String, _ label: String, required: Bool = true, help: String? = nil, maxLength: Int? = nil) -> TypedField {
        TypedField(InputField(name, label, .text, required: required, help: help, maxLength: maxLength)) { $0.text($1) }
    }

    /// A violation category of the shared tree (PLT-16): offered from, and checked against, the tree
    /// in force; the value is the category's code.
    public static func category(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .category, required: required, help: help)) { $0.text($1) }
    }

    /// Several lines of text.
    public static func textarea(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .textarea, required: required, help: help)) { $0.text($1) }
    }
}

extension TypedField where Value == [String] {
    /// A list entered one item a line; an absent list is empty.
    public static func lines(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .lines, required: required, help: help)) { $0.list($1) }
    }
}

extension TypedField where Value == Bool {
    /// A checkbox; unticked reads as false.
    public static func checkbox(_ name: String, _ label: String) -> TypedField {
        TypedField(InputField(name, label, .checkbox, required: false)) { $0.flag($1) }
    }
}

extension TypedField where Value == LocalDate {
    public static func date(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .date, required: required, help: help)) { $0.date($1) }
    }
}

extension TypedField where Value == Int {
    public static func number(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .number, required: required, help: help)) { $0.int($1) }
    }
}

extension TypedField where Value == UUID {
    /// One user (a staff picker).
    public static func user(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .user, required: required, help: help)) { $0.uuid($1) }
    }

    /// A party of the office (a party picker).
    public static func party(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .party, required: required, help: help)) { $0.uuid($1) }
    }
}

extension TypedField where Value == [UUID] {
    /// Several users.
    public static func users(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .users, required: required, help: help)) { $0.uuids($1) }
    }
}

extension TypedField where Value: ChoiceValue {
    /// One of the enum's values, offered with their Chinese names.
    public static func choice(_ name: String, _ label: String, required: Bool = true, help: String? = nil) -> TypedField {
        TypedField(InputField(name, label, .choice, required: required, options: Value.allCases.map { InputOption($0.rawValue, $0.nameZH) }, help: help)) {
            $0.text($1).flatMap(Value.init(rawValue:))
        }
    }
}
