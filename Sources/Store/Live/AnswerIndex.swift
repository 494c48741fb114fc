import Foundation

/// Which messages have a kept answer, for the recent ones: a new message then costs no read.
///
/// A national msgid carries its sender's time (机构编号 + yyyyMMddHHmmss + 4-digit sequence,
/// China time). The index holds the keys of messages stamped within ``window`` of now, and
/// is authoritative for them; a message stamped earlier (or later than a day ahead, or not
/// stamped at all) is looked up in the database instead. So memory stays bounded by the
/// traffic of the window instead of growing with every message ever answered.
///
/// ```swift
/// var index = AnswerIndex()
/// index.add("H37040200001|H37040200001202611251530000001", transaction: "2207", now: Date())
/// index.lookup("H37040200001|H37040200001202611251530000001", now: Date())   // .kept("2207")
/// ```
struct AnswerIndex: Sendable {
  /// How long a message's key stays in memory after its stamp.
  static let window: TimeInterval = 2 * 86_400

  enum Lookup: Equatable {
    /// Answered already, by this transaction.
    case kept(String)
    /// Never answered (or its answer was dropped by 冲正).
    case new
    /// Not known in memory: ask the database.
    case unknown
  }

  private var keys: [String: (transaction: String, stamp: Date)] = [:]
  private var nextSweep = Date.distantPast

  var count: Int { keys.count }

  func lookup(_ key: String, now: Date) -> Lookup {
    guard let stamp = Self.stamp(ofKey: key), Self.isRecent(stamp, now: now) else { return .unknown }
    return keys[key].map { .kept($0.transaction) } ?? .new
  }

  /// Keeps `key` if its message is recent; older ones are found in the database.
  mutating func add(_ key: String, transaction: String, now: Date) {
    if now >= nextSweep {
      keys = keys.filter { Self.isRecent($0.value.stamp, now: now) }
      nextSweep = now + 3_600
    }
    guard let stamp = Self.stamp(ofKey: key), Self.isRecent(stamp, now: now), keys[key] == nil else { return }
    keys[key] = (transaction, stamp)
  }

  mutating func remove(_ key: String) { keys[key] = nil }

  private static func isRecent(_ stamp: Date, now: Date) -> Bool {
    stamp >= now - window && stamp <= now + 86_400
  }

  /// The time in a msgid of "institution|msgid": its 14 digits before the 4-digit sequence.
  static func stamp(ofKey key: String) -> Date? {
    let digits = Array(key.utf8.suffix(18).prefix(14))
    guard digits.count == 14, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(digits[$1] - 48) } }
    let (year, month, day) = (number(0..<4), number(4..<6), number(6..<8))
    let (hour, minute, second) = (number(8..<10), number(10..<12), number(12..<14))
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    guard (1...12).contains(month), hour < 24, minute < 60, second < 60,
      (1...[31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]).contains(day)
    else { return nil }
    // Howard Hinnant's days-from-civil; China time is UTC+8.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - 8 * 3_600
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }
}
