/// An exact ratio such as 65 % or 0.05, kept as a fraction of integers.
///
/// ```swift
/// let ratio = Ratio.percent(65) + .percent(2)  // 67 %
/// ratio.fourDecimals  // "0.6700", as in pool_prop_selfpay
/// ```
public struct Ratio: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let numerator: Int64
  public let denominator: Int64

  public init(_ numerator: Int64, over denominator: Int64) {
    precondition(denominator > 0, "a ratio needs a positive denominator")
    let divisor = Ratio.gcd(numerator.magnitude, UInt64(denominator))
    self.numerator = numerator / Int64(divisor == 0 ? 1 : divisor)
    self.denominator = denominator / Int64(divisor == 0 ? 1 : divisor)
  }

  public static func percent(_ value: Int64) -> Ratio { Ratio(value, over: 100) }
  public static let zero = Ratio(0, over: 1)
  public static let one = Ratio(1, over: 1)

  /// Reads "65%", "2.5%", "0.05" or "1".
  public init(_ text: String) throws(MoneyError) {
    if text.hasSuffix("%") {
      let number = try ExactDecimal(text.dropLast(), maxScale: 4)
      self.init(number.significand, over: 100 * Rounding.powerOfTen(number.scale))
    } else {
      let number = try ExactDecimal(text, maxScale: 6)
      self.init(number.significand, over: Rounding.powerOfTen(number.scale))
    }
  }

  public static func + (a: Ratio, b: Ratio) -> Ratio {
    Ratio(a.numerator * b.denominator + b.numerator * a.denominator, over: a.denominator * b.denominator)
  }
  public static func - (a: Ratio, b: Ratio) -> Ratio { a + Ratio(-b.numerator, over: b.denominator) }
  public static func < (a: Ratio, b: Ratio) -> Bool {
    Int128(a.numerator) * Int128(b.denominator) < Int128(b.numerator) * Int128(a.denominator)
  }

  /// The ratio limited to [0, 1].
  public var clampedToOne: Ratio { min(max(self, .zero), .one) }
  public var isZero: Bool { numerator == 0 }

  /// "0.6500": four decimals, rounded half up, as the interface writes ratios.
  public var fourDecimals: String {
    let tenThousandths = Rounding.halfAwayFromZero(Int128(numerator) * 10_000, Int128(denominator))
    return ExactDecimal(significand: tenThousandths, scale: 4).description
  }

  /// "65%", "2.5%": how the explanation shows it.
  public var description: String {
    let hundredths = Rounding.halfAwayFromZero(Int128(numerator) * 10_000, Int128(denominator))
    var text = ExactDecimal(significand: hundredths, scale: 2).description
    while text.contains("."), text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text + "%"
  }

  private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
  }
}
