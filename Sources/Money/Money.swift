/// An exact amount of money in fen (分), the smallest unit of the yuan.
///
/// Money never passes through floating point: it is parsed from decimal text,
/// multiplied by exact ``Ratio``s and rounded half up only where a rule says so.
///
/// ```swift
/// let fee = try Money(yuan: "18000.00")
/// let paid = (fee - Money(yuan: "1000")).multiplied(by: .percent(65))  // 11050.00
/// print(paid)  // "11050.00"
/// ```
public struct Money: Sendable, Hashable, Comparable {
  /// The amount in fen.
  public var fen: Int64

  @inlinable public init(fen: Int64) { self.fen = fen }

  public static let zero = Money(fen: 0)

  /// Parses yuan written with at most two decimals ("12", "12.5", "-0.01").
  public init(yuan text: some StringProtocol) throws(MoneyError) {
    let value = try ExactDecimal(text, maxScale: 2)
    self.fen = value.rescaled(to: 2)
  }

  @inlinable public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
  @inlinable public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
  @inlinable public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
  @inlinable public static prefix func - (a: Money) -> Money { Money(fen: -a.fen) }
  @inlinable public static func += (a: inout Money, b: Money) { a.fen += b.fen }
  @inlinable public static func -= (a: inout Money, b: Money) { a.fen -= b.fen }

  /// The amount as a decimal number of yuan with two decimals.
  public var decimal: ExactDecimal { ExactDecimal(significand: fen, scale: 2) }

  /// The amount if positive, else zero (x⁺).
  @inlinable public var positivePart: Money { fen > 0 ? self : .zero }
  @inlinable public var isZero: Bool { fen == 0 }

  /// `self × ratio`, rounded half up to the fen (half away from zero when negative).
  @inlinable public func multiplied(by ratio: Ratio) -> Money {
    Money(fen: Rounding.halfAwayFromZero(Int128(fen) * Int128(ratio.numerator), Int128(ratio.denominator)))
  }

  /// The exact fraction `self ÷ ratio` (not rounded). `ratio` must not be zero.
  public func divided(by ratio: Ratio) -> ExactAmount {
    ExactAmount(Int128(fen) * Int128(ratio.denominator), over: Int128(ratio.numerator))
  }
}

extension Money: CustomStringConvertible {
  /// Yuan with exactly two decimals: "11050.00", "-0.05".
  public var description: String {
    let sign = fen < 0 ? "-" : ""
    let magnitude = fen.magnitude
    let cents = magnitude % 100
    return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
  }
}

extension Money {
  @inlinable public static func sum<S: Sequence>(_ amounts: S) -> Money where S.Element == Money {
    amounts.reduce(.zero, +)
  }
}

/// Why a decimal text could not be read as an exact amount.
public enum MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
  case notADecimal(String)
  case tooManyDecimals(String, allowed: Int)
  case outOfRange(String)

  public var description: String {
    switch self {
    case .notADecimal(let text): "“\(text)”不是数值"
    case .tooManyDecimals(let text, let allowed): "“\(text)”超过\(allowed)位小数"
    case .outOfRange(let text): "“\(text)”超出范围"
    }
  }
}
