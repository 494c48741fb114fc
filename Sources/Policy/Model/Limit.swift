import Money

/// A named cap on fund payments, shared by every regime and layer that uses it
/// (caps per visit / year / course shared by groups).
///
/// ```yaml
/// limits:
///   basic:
///     name: 基本医疗统筹年度最高支付限额
///     scope: year
///     amount: [{when: {insutype: ["310"]}, value: "300000.00"}, {value: "200000.00"}]
/// ```
public struct LimitDefinition: Sendable, Decodable {
  /// The counter's name in the ledger; the key of the mapping.
  public internal(set) var id: String = ""
  public let name: String
  public let scope: Scope
  /// `null` in a row means no limit for the matching people.
  public let amount: RuleTable<Unlimited<Money>>

  /// Over what a limit's counter accumulates.
  public enum Scope: String, Sendable, Decodable {
    /// Per settlement: nothing is accumulated.
    case visit
    /// Per medical (calendar) year of the service date.
    case year
    /// Per treatment course: the validity of the qualification (radiotherapy).
    case course
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case name, scope, amount }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    scope = try c.decode(Scope.self, forKey: .scope)
    amount = try c.decode(RuleTable<Unlimited<Money>>.self, forKey: .amount)
  }
}

/// A use of a named limit, optionally only when a condition holds.
///
/// ```yaml
/// limits: [basic, {id: assistance_inpatient, when: {med_type: ["21", "22", "23", "24"]}}]
/// ```
public struct LimitUse: Sendable, Decodable {
  public let id: String
  public let when: Condition

  enum CodingKeys: String, CodingKey, CaseIterable { case id, when }

  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer(), let id = try? single.decode(String.self) {
      self.id = id
      self.when = .always
      return
    }
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    when = try c.decodeIfPresent(Condition.self, forKey: .when) ?? .always
  }
}

/// A refusal: settlements matching `when` are rejected with `message`.
public struct Refusal: Sendable, Decodable {
  public let when: Condition
  public let message: String

  enum CodingKeys: String, CodingKey, CaseIterable { case when, message }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    when = try c.decode(Condition.self, forKey: .when)
    message = try c.decode(String.self, forKey: .message)
  }
}

/// A package (定额/包干): when it applies, the fund pays the whole base, beyond any
/// limit, and the payment still counts toward the limits.
public struct Package: Sendable, Decodable {
  public let name: String
  public let when: Condition

  enum CodingKeys: String, CodingKey, CaseIterable { case name, when }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    when = try c.decode(Condition.self, forKey: .when)
  }
}
