/// A decimal number read exactly from text: `significand × 10^-scale`.
///
/// Used for the interface's prices (up to 6 decimals), counts (up to 4) and
/// ratios (4), which are multiplied exactly before anything is rounded.
///
/// ```swift
/// let price = try ExactDecimal("12.345678", maxScale: 6)
/// let count = try ExactDecimal("1.5", maxScale: 4)
/// let line = price.times(count)  // 18.52 (half up)
/// ```
public struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
  public var significand: Int64
  public var scale: Int

  public init(significand: Int64, scale: Int) {
    self.significand = significand
    self.scale = scale
  }

  /// Reads "-12.3400", "7", "+0.5"; refuses exponents, spaces and more than `maxScale` decimals.
  public init(_ text: some StringProtocol, maxScale: Int) throws(MoneyError) {
    var digits: Int64 = 0
    var scale = 0
    var seenPoint = false
    var seenDigit = false
    var negative = false
    var index = text.utf8.startIndex
    let bytes = text.utf8
    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index = bytes.index(after: index)
    }
    while index < bytes.endIndex {
      let byte = bytes[index]
      index = bytes.index(after: index)
      if byte == UInt8(ascii: ".") {
        if seenPoint { throw .notADecimal(String(text)) }
        seenPoint = true
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .notADecimal(String(text)) }
      seenDigit = true
      if seenPoint { scale += 1 }
      let (times10, overflow1) = digits.multipliedReportingOverflow(by: 10)
      let (next, overflow2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
      if overflow1 || overflow2 || next > 999_999_999_999_999 { throw .outOfRange(String(text)) }
      digits = next
    }
    guard seenDigit else { throw .notADecimal(String(text)) }
    // Trailing zeros beyond the allowed scale are harmless ("1.500" as a 2-decimal amount).
    while scale > maxScale, digits % 10 == 0 {
      digits /= 10
      scale -= 1
    }
    guard scale <= maxScale else { throw .tooManyDecimals(String(text), allowed: maxScale) }
    self.significand = negative ? -digits : digits
    self.scale = scale
  }

  /// The value as an integer count of `10^-target`, rounded half away from zero.
  public func rescaled(to target: Int) -> Int64 {
    if scale <= target { return significand * Rounding.powerOfTen(target - scale) }
    return Int64(Rounding.halfAwayFromZero(Int128(significand), Int128(Rounding.powerOfTen(scale - target))))
  }

  /// `self × other`, rounded half up to the fen: the interface's line amount round(pric × cnt).
  public func times(_ other: ExactDecimal) -> Money {
    let product = Int128(significand) * Int128(other.significand)
    let scale = self.scale + other.scale
    if scale <= 2 { return Money(fen: Int64(product * Int128(Rounding.powerOfTen(2 - scale)))) }
    return Money(fen: Rounding.halfAwayFromZero(product, Int128(Rounding.powerOfTen(scale - 2))))
  }

  /// The exact difference, at the larger of the two scales.
  public static func - (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
    let scale = max(a.scale, b.scale)
    return ExactDecimal(
      significand: a.significand * Rounding.powerOfTen(scale - a.scale) - b.significand
        * Rounding.powerOfTen(scale - b.scale),
      scale: scale)
  }

  public var isNegative: Bool { significand < 0 }
  public var negated: ExactDecimal { ExactDecimal(significand: -significand, scale: scale) }

  /// The canonical text, keeping the scale it was read with ("1.50" stays "1.50").
  public var description: String {
    let sign = significand < 0 ? "-" : ""
    var digits = String(significand.magnitude)
    guard scale > 0 else { return sign + digits }
    if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
    let point = digits.index(digits.endIndex, offsetBy: -scale)
    return sign + digits[..<point] + "." + digits[point...]
  }
}

extension ExactDecimal: Comparable {
  public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
    let scale = max(a.scale, b.scale)
    return Int128(a.significand) * Int128(Rounding.powerOfTen(scale - a.scale))
      < Int128(b.significand) * Int128(Rounding.powerOfTen(scale - b.scale))
  }
  public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool { !(a < b) && !(b < a) }
  public func hash(into hasher: inout Hasher) {
    // Equal values at different scales (1.5, 1.50) hash alike: hash the value without trailing zeros.
    var significand = significand
    var scale = scale
    while scale > 0, significand % 10 == 0 {
      significand /= 10
      scale -= 1
    }
    hasher.combine(significand)
    hasher.combine(scale)
  }
}
