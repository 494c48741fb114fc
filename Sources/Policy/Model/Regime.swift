import Money

/// A benefit regime (待遇类型): how the basic fund pays one kind of settlement.
///
/// The engine picks the first regime whose `when` (and disease list) matches, then
/// assembles its building blocks: base lines → deductible → first-pay → ratio (+ bonus)
/// → limits, or a package, or a fixed standard.
///
/// ```yaml
/// - id: inpatient
///   name: 普通住院
///   when: {med_type: ["21", "22", "24"]}
///   refusals: [{when: {hosp_lv: [0]}, message: "村卫生室不能办理住院"}]
///   deductible: {scope: visit, amount: [{when: {hosp_lv: [1]}, value: "200.00"}, {value: "500.00"}]}
///   ratio: [{when: {hosp_lv: [1]}, value: 90%}, {value: 80%}]
///   limits: [basic]
/// ```
public struct Regime: Sendable, Decodable {
  public let id: String
  public let name: String
  public let when: Condition
  /// When present, the claim's `dise_codg` must be one of these diseases.
  public let diseases: [Disease]?
  /// Whether the disease needs a qualification valid on the service date.
  public let requiresQualification: Bool
  public let refusals: [Refusal]
  /// When present, at least one must match or the settlement is refused as not entitled.
  public let eligible: [Condition]?
  /// Switches the settlement's insutype (a maternity settlement of a person with a 510 row).
  public let settleAs: RuleTable<String>?
  public let base: BaseSelection
  public let method: Method
  public let deductible: Deductible?
  public let firstPay: RuleTable<Ratio>?
  public let ratio: RuleTable<Ratio>
  /// Percentage points added to the ratio (never above 100 %).
  public let bonus: RuleTable<Ratio>?
  public let limits: [LimitUse]
  public let packages: [Package]

  /// How the fund's payment is computed.
  public enum Method: String, Sendable, Decodable {
    /// round((base − deductible − first-pay) × ratio), within the limits.
    case ratio
    /// A fixed standard (定额标准): min(limits left, base); the reported ratio is 0.
    case standard
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, name, when, diseases, refusals, eligible, base, method, deductible, ratio, bonus, limits, packages
    case requiresQualification = "requires_qualification"
    case settleAs = "settle_as"
    case firstPay = "first_pay"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decode(String.self, forKey: .name)
    when = try c.decode(Condition.self, forKey: .when)
    diseases = try c.decodeIfPresent([Disease].self, forKey: .diseases)
    requiresQualification = try c.decodeIfPresent(Bool.self, forKey: .requiresQualification) ?? false
    refusals = try c.decodeIfPresent([Refusal].self, forKey: .refusals) ?? []
    eligible = try c.decodeIfPresent([Condition].self, forKey: .eligible)
    settleAs = try c.decodeIfPresent(RuleTable<String>.self, forKey: .settleAs)
    base = try c.decodeIfPresent(BaseSelection.self, forKey: .base) ?? BaseSelection()
    method = try c.decodeIfPresent(Method.self, forKey: .method) ?? .ratio
    deductible = try c.decodeIfPresent(Deductible.self, forKey: .deductible)
    firstPay = try c.decodeIfPresent(RuleTable<Ratio>.self, forKey: .firstPay)
    ratio = try c.decode(RuleTable<Ratio>.self, forKey: .ratio)
    bonus = try c.decodeIfPresent(RuleTable<Ratio>.self, forKey: .bonus)
    limits = try c.decodeIfPresent([LimitUse].self, forKey: .limits) ?? []
    packages = try c.decodeIfPresent([Package].self, forKey: .packages) ?? []
  }

  /// The disease of this regime that a claim's `dise_codg` names, if any.
  public func disease(matching code: String) -> Disease? {
    diseases?.first { $0.matches(code) }
  }
}

/// A disease of a regime's list (门慢特病种, 两病), with what it adds to the regime.
public struct Disease: Sendable, Decodable {
  public let code: String
  public let name: String
  /// `prefix`: I10 matches I10.x05; `exact`: M-codes.
  public let match: Match
  public let limits: [LimitUse]
  public let firstPay: RuleTable<Ratio>?
  public let packages: [Package]

  public enum Match: String, Sendable, Decodable { case exact, prefix }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case code, name, match, limits, packages
    case firstPay = "first_pay"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    code = try c.decode(String.self, forKey: .code)
    name = try c.decode(String.self, forKey: .name)
    match = try c.decodeIfPresent(Match.self, forKey: .match) ?? .exact
    limits = try c.decodeIfPresent([LimitUse].self, forKey: .limits) ?? []
    firstPay = try c.decodeIfPresent(RuleTable<Ratio>.self, forKey: .firstPay)
    packages = try c.decodeIfPresent([Package].self, forKey: .packages) ?? []
  }

  public func matches(_ claimed: String) -> Bool {
    switch match {
    case .exact: claimed == code
    case .prefix: claimed.hasPrefix(code)
    }
  }
}

/// Which lines' in-scope amounts form the regime's base (always Iₙ: no special-drug lines
/// where those have their own track).
public struct BaseSelection: Sendable, Decodable {
  /// Only lines of these `list_type`s (两病: drugs only).
  public var listTypes: Set<String>?
  /// Only `nego` lines (双通道).
  public var negotiatedOnly: Bool = false

  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case listTypes = "list_type"
    case negotiatedOnly = "nego_only"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    listTypes = try c.decodeIfPresent(Set<String>.self, forKey: .listTypes)
    negotiatedOnly = try c.decodeIfPresent(Bool.self, forKey: .negotiatedOnly) ?? false
  }
}

/// 起付线: per visit, or per year with a counter of what has been applied.
public struct Deductible: Sendable, Decodable {
  public let scope: LimitDefinition.Scope
  /// The yearly counter (required when `scope` is `year`).
  public let counter: String?
  public let amount: RuleTable<Money>

  enum CodingKeys: String, CodingKey, CaseIterable { case scope, counter, amount }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    scope = try c.decode(LimitDefinition.Scope.self, forKey: .scope)
    counter = try c.decodeIfPresent(String.self, forKey: .counter)
    amount = try c.decode(RuleTable<Money>.self, forKey: .amount)
  }
}
