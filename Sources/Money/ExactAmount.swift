/// An exact, not yet rounded, amount of fen: `numerator ÷ denominator`.
///
/// Rules that sum several ratio products (大病 segments) or divide by a ratio
/// (职工大额's over-cap expense) work on exact amounts and round once, at the end.
///
/// ```swift
/// let overCap = Money(fen: 100_00).divided(by: .percent(80)) - Money(fen: 40_00).divided(by: .percent(80))
/// overCap.rounded()  // 75.00
/// ```
public struct ExactAmount: Sendable, Comparable {
  public let numerator: Int128
  public let denominator: Int128

  public init(_ numerator: Int128, over denominator: Int128) {
    precondition(denominator != 0, "an exact amount needs a non-zero denominator")
    self.numerator = denominator < 0 ? -numerator : numerator
    self.denominator = denominator < 0 ? -denominator : denominator
  }

  public init(_ money: Money) { self.init(Int128(money.fen), over: 1) }

  public static let zero = ExactAmount(0, over: 1)

  public static func + (a: ExactAmount, b: ExactAmount) -> ExactAmount {
    if a.denominator == b.denominator { return ExactAmount(a.numerator + b.numerator, over: a.denominator) }
    return ExactAmount(a.numerator * b.denominator + b.numerator * a.denominator, over: a.denominator * b.denominator)
  }
  public static func - (a: ExactAmount, b: ExactAmount) -> ExactAmount {
    a + ExactAmount(-b.numerator, over: b.denominator)
  }
  public static func < (a: ExactAmount, b: ExactAmount) -> Bool {
    a.numerator * b.denominator < b.numerator * a.denominator
  }
  public static func == (a: ExactAmount, b: ExactAmount) -> Bool {
    a.numerator * b.denominator == b.numerator * a.denominator
  }

  public func multiplied(by ratio: Ratio) -> ExactAmount {
    ExactAmount(numerator * Int128(ratio.numerator), over: denominator * Int128(ratio.denominator))
  }

  /// Rounded half up to the fen (half away from zero when negative).
  public func rounded() -> Money { Money(fen: Rounding.halfAwayFromZero(numerator, denominator)) }
}

extension Money {
  /// `self × ratio` kept exact, for rules that round only once at the end.
  public func exactly(times ratio: Ratio) -> ExactAmount { ExactAmount(self).multiplied(by: ratio) }
}
