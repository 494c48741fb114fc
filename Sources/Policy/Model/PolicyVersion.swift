import Money
import Registry

/// One version of a region's benefit policy (V2020A, V2021 …), in force over a period.
///
/// ```swift
/// let version = region.version(on: try Day("2021-05-10"))  // V2021
/// version?.regimes.map(\.id)
/// ```
public struct PolicyVersion: Sendable, Decodable {
  public let id: String
  public let validity: DateRange
  public let lineSplit: LineSplitRules
  /// Combinations refused before any regime is chosen.
  public let refusals: [Refusal]
  public let limits: [String: LimitDefinition]
  /// In order: the first match wins.
  public let regimes: [Regime]
  /// In order of payment.
  public let layers: [Layer]
  public let account: AccountRule

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version, refusals, limits, regimes, layers, account
    case validFrom = "valid_from"
    case validTo = "valid_to"
    case lineSplit = "line_split"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .version)
    let begin = try c.decodeText(.validFrom) { try Day($0) }
    let end = try c.decodeTextIfPresent(.validTo) { try Day($0) }
    validity = DateRange(begin: begin, end: end)
    lineSplit = try c.decodeIfPresent(LineSplitRules.self, forKey: .lineSplit) ?? LineSplitRules()
    refusals = try c.decodeIfPresent([Refusal].self, forKey: .refusals) ?? []
    var limits = try c.decodeIfPresent([String: LimitDefinition].self, forKey: .limits) ?? [:]
    for key in limits.keys { limits[key]?.id = key }
    self.limits = limits
    regimes = try c.decode([Regime].self, forKey: .regimes)
    layers = try c.decodeIfPresent([Layer].self, forKey: .layers) ?? []
    account = try c.decode(AccountRule.self, forKey: .account)
  }

  public func regime(id: String) -> Regime? { regimes.first { $0.id == id } }
}

/// Version-specific rules of the line split (§3).
public struct LineSplitRules: Sendable, Decodable {
  /// The 先行自付 ratio of every non-丙类 `nego` item, whatever the catalogue says.
  public var negotiatedSelfPay: RuleTable<Ratio>?
  /// Who has special-drug lines (`special`) split off into their own track (S).
  public var specialDrugsSeparate: Condition?

  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case negotiatedSelfPay = "nego_selfpay_prop"
    case specialDrugsSeparate = "special_drugs_separate"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    negotiatedSelfPay = try c.decodeIfPresent(RuleTable<Ratio>.self, forKey: .negotiatedSelfPay)
    specialDrugsSeparate = try c.decodeIfPresent(Condition.self, forKey: .specialDrugsSeparate)
  }
}

/// 个人账户: who may pay the personal part from an account.
public struct AccountRule: Sendable, Decodable {
  public let fund: String
  public let when: Condition

  enum CodingKeys: String, CodingKey, CaseIterable { case fund, when }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    fund = try c.decode(String.self, forKey: .fund)
    when = try c.decode(Condition.self, forKey: .when)
  }
}
