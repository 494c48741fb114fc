import Foundation
import Registry

/// Times as the interface writes them, in China Standard Time (UTC+8), computed directly
/// from the epoch (no calendar objects on the hot path).
///
/// ```swift
/// ChinaTime.compact(Date())    // "20210510093000"
/// ```
public enum ChinaTime {
  struct Parts {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int
    let millisecond: Int
  }

  static func parts(_ date: Date) -> Parts {
    let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) + 8 * 3_600_000
    let days = Int(millis.floorDivided(by: 86_400_000))
    let inDay = Int(millis - Int64(days) * 86_400_000)
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return Parts(
      year: year, month: month, day: day, hour: inDay / 3_600_000, minute: inDay / 60_000 % 60,
      second: inDay / 1000 % 60, millisecond: inDay % 1000)
  }

  private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
  private static func three(_ value: Int) -> String {
    value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : String(value)
  }

  /// `yyyyMMddHHmmss`.
  public static func compact(_ date: Date) -> String {
    let p = parts(date)
    return "\(p.year)\(two(p.month))\(two(p.day))\(two(p.hour))\(two(p.minute))\(two(p.second))"
  }

  /// `yyyyMMddHHmmssSSS`.
  public static func stamp(_ date: Date) -> String { compact(date) + three(parts(date).millisecond) }

  /// `yyyy-MM-dd HH:mm:ss`.
  public static func dateTime(_ date: Date) -> String {
    let p = parts(date)
    return "\(p.year)-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute)):\(two(p.second))"
  }

  static func day(_ date: Date) -> Day {
    let p = parts(date)
    return Day(year: p.year, month: p.month, day: p.day) ?? Day(year: 2000, month: 1, day: 1)!
  }
}

extension Int64 {
  func floorDivided(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
