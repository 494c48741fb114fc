/// The one rounding rule of the policy: half up to the fen; a negative mirror rounds
/// half away from zero, so a cancellation is the exact negative of its original.
public enum Rounding {
  /// `numerator ÷ denominator` rounded half away from zero. `denominator` > 0.
  @inlinable public static func halfAwayFromZero(_ numerator: Int128, _ denominator: Int128) -> Int64 {
    let magnitude = (numerator.magnitude * 2 + denominator.magnitude) / (denominator.magnitude * 2)
    return numerator < 0 ? -Int64(magnitude) : Int64(magnitude)
  }

  @inlinable public static func powerOfTen(_ exponent: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }
}
