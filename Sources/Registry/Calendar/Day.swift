/// A calendar day (no time, no zone), as the policy's inclusive begin/end dates use.
///
/// ```swift
/// let day = try Day("2021-05-10")
/// day.year            // 2021
/// day.description     // "2021-05-10"
/// ```
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1900...2999).contains(year), (1...12).contains(month),
      (1...Day.length(ofMonth: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads `yyyy-MM-dd`, or the date part of `yyyy-MM-dd HH:mm:ss` / `yyyy-MM-ddTHH:mm:ss`.
  public init(_ text: some StringProtocol) throws(DayError) {
    let bytes = Array(text.utf8.prefix(10))
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
        value = value * 10 + Int(bytes[index] - 48)
      }
      return value
    }
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let value = Day(year: year, month: month, day: day)
    else { throw DayError(text: String(text)) }
    self = value
  }

  public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  public var description: String {
    "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
  }

  /// Whether the day lies in `[begin, end]`; a nil end is open.
  public func isWithin(_ begin: Day, _ end: Day?) -> Bool { begin <= self && (end.map { self <= $0 } ?? true) }

  /// Whole years from `birth` to this day.
  public func years(since birth: Day) -> Int {
    year - birth.year - ((month, day) < (birth.month, birth.day) ? 1 : 0)
  }

  static func length(ofMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

/// A text that is not a valid `yyyy-MM-dd` date.
public struct DayError: Error, Sendable, Equatable, CustomStringConvertible {
  public let text: String
  public var description: String { "“\(text)”不是有效日期(yyyy-MM-dd)" }
}
