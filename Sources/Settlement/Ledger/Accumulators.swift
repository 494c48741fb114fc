import Money
import Registry

/// Names one running total of the ledger: a counter over a period.
///
/// ```swift
/// CounterKey(name: "basic", period: "2021")              // yearly basic cap used
/// CounterKey(name: "radiotherapy_course", period: "course:RT2021001")
/// ```
public struct CounterKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let name: String
  public let period: String

  public init(name: String, period: String) {
    self.name = name
    self.period = period
  }

  /// The personal account's movements (not a yearly counter).
  public static let account = CounterKey(name: "account", period: "balance")

  public static func year(_ name: String, _ day: Day) -> CounterKey { CounterKey(name: name, period: String(day.year)) }

  public static func < (a: CounterKey, b: CounterKey) -> Bool { (a.name, a.period) < (b.name, b.period) }

  public var description: String { "\(name)@\(period)" }
}

/// A person's running totals as the ledger sums them: what the engine reads.
///
/// ```swift
/// var totals = Accumulators()
/// totals.apply([AccumulatorChange(key: .year("basic", day), delta: Money(fen: 500_00))])
/// totals[.year("basic", day)]  // 500.00
/// ```
public struct Accumulators: Sendable, Equatable {
  public private(set) var values: [CounterKey: Money]

  public init(_ values: [CounterKey: Money] = [:]) { self.values = values }

  public subscript(key: CounterKey) -> Money { values[key] ?? .zero }

  public mutating func apply(_ changes: [AccumulatorChange]) {
    for change in changes { values[change.key, default: .zero] += change.delta }
  }
}

/// One entry of the append-only ledger: a counter moved by a settlement.
public struct AccumulatorChange: Sendable, Hashable {
  public let key: CounterKey
  public let delta: Money

  public init(key: CounterKey, delta: Money) {
    self.key = key
    self.delta = delta
  }

  /// The entry a cancellation appends.
  public var mirrored: AccumulatorChange { AccumulatorChange(key: key, delta: -delta) }
}
