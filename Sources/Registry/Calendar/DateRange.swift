/// An inclusive validity period `[begin, end]`; a nil end is open.
///
/// ```swift
/// let range = DateRange(begin: try Day("2021-01-01"), end: nil)
/// range.contains(try Day("2030-05-01"))  // true
/// ```
public struct DateRange: Sendable, Hashable {
  public let begin: Day
  public let end: Day?

  public init(begin: Day, end: Day?) {
    self.begin = begin
    self.end = end
  }

  public func contains(_ day: Day) -> Bool { day.isWithin(begin, end) }
}
