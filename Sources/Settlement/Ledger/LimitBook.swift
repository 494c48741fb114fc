import Money
import Policy
import Registry

/// Reads what is left of the named limits for one settlement.
///
/// ```swift
/// let book = LimitBook(version: version, facts: facts, serviceDate: day, course: nil, totals: accumulators)
/// book.states(for: regime.limits).first?.left  // what the yearly cap still allows
/// ```
public struct LimitBook: Sendable {
  let version: PolicyVersion
  let facts: Facts
  let serviceDate: Day
  let courseNumber: String?
  let totals: Accumulators

  public init(
    version: PolicyVersion, facts: Facts, serviceDate: Day, course courseNumber: String?, totals: Accumulators
  ) {
    self.version = version
    self.facts = facts
    self.serviceDate = serviceDate
    self.courseNumber = courseNumber
    self.totals = totals
  }

  /// The limits that apply (their `when` matches), with what is left of each.
  public func states(for uses: [LimitUse]) -> [LimitState] {
    uses.compactMap { use in
      guard use.when.matches(facts), let definition = version.limits[use.id] else { return nil }
      let key = counterKey(for: definition)
      guard let amount = definition.amount.value(for: facts)?.value else {
        return LimitState(definition: definition, key: key, amount: nil, used: key.map { totals[$0] } ?? .zero)
      }
      return LimitState(definition: definition, key: key, amount: amount, used: key.map { totals[$0] } ?? .zero)
    }
  }

  /// The counter a limit accumulates in, by its scope.
  public func counterKey(for definition: LimitDefinition) -> CounterKey? {
    switch definition.scope {
    case .visit: nil
    case .year: .year(definition.id, serviceDate)
    case .course: CounterKey(name: definition.id, period: "course:\(courseNumber ?? "-")")
    }
  }

  public func yearCounter(_ name: String) -> CounterKey { .year(name, serviceDate) }
}

/// One limit for one settlement: its amount, what was used, what is left.
public struct LimitState: Sendable {
  public let definition: LimitDefinition
  /// Nil for a per-visit limit.
  public let key: CounterKey?
  /// Nil = no limit for this person.
  public let amount: Money?
  public let used: Money

  /// What may still be paid; nil = unlimited.
  public var left: Money? { amount.map { ($0 - used).positivePart } }

  /// The smallest of several lefts (nil = no limit at all).
  static func smallestLeft(_ states: [LimitState]) -> LimitState? {
    var smallest: (state: LimitState, left: Money)?
    for state in states {
      if let left = state.left, smallest.map({ left < $0.left }) ?? true { smallest = (state, left) }
    }
    return smallest?.state
  }
}
