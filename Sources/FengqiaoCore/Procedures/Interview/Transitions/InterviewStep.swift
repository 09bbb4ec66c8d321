import Foundation

/// A step of the interview: its facts are `InterviewFacts`. Each step is one type in this folder,
/// named after its transition, reading like its line of interview.md.
protocol InterviewStep: Transition where Facts == InterviewFacts {}

extension ClueSource: ChoiceValue {}
extension InterviewGround: ChoiceValue {}
extension InterviewFacts.Mode: ChoiceValue {}

extension InterviewProcedure {
    /// The shared field of the steps that take the interview's mode (IV-16).
    static let modeField = TypedField<InterviewFacts.Mode>.choice("mode", "约谈方式（IV-16）")

    /// States in which the case is still open.
    static let openStates: Set<String> = ["clue", "legalReview", "approval", "notice", "interview", "rectification", "inspection"]
}
