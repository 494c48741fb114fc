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

  /// A key's transaction, or nil while it is unknown whether its commit went through.
  private var keys: [String: (transaction: String?, stamp: Date)] = [:]
  private var nextSweep = Date.distantPast

  var count: Int { keys.count }

  func lookup(_ key: String, now: Date) -> Lookup {
    // Stamped further ahead than a day: a sender's clock this wrong is not trusted to be in the window.
    guard let stamp = Self.stamp(ofKey: key), stamp >= now - Self.window, stamp <= now + 86_400 else { return .unknown }
    guard let entry = keys[key] else { return .new }
    return entry.transaction.map(Lookup.kept) ?? .unknown
  }

  /// Keeps `key` unless its message is older than the window (the database has those). A key
  /// stamped ahead is kept too: once its stamp is near, memory must know it.
  mutating func add(_ key: String, transaction: String, now: Date) {
    keep(key, transaction: transaction, now: now)
  }

  /// A commit failed in a way that may still have committed it (a connection lost at COMMIT):
  /// the key is looked up in the database from now on.
  mutating func markUncertain(_ key: String, now: Date) {
    keep(key, transaction: nil, now: now)
  }

  mutating func remove(_ key: String) { keys[key] = nil }

  private mutating func keep(_ key: String, transaction: String?, now: Date) {
    if now >= nextSweep {
      keys = keys.filter { $0.value.stamp >= now - Self.window }
      nextSweep = now + 3_600
    }
    guard let stamp = Self.stamp(ofKey: key), stamp >= now - Self.window else { return }
    keys[key] = (transaction, stamp)
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
