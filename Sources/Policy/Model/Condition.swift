/// When a policy row applies: every stated field must match the settlement's ``Facts``.
///
/// In YAML a condition is a mapping; lists mean "one of", and `not` / `any` nest:
///
/// ```yaml
/// when: {insutype: ["390"], hosp_lv: [1, 2], not: {poor: true}}
/// ```
public struct Condition: Sendable, Decodable {
  public var insuranceTypes: Set<String>?
  public var personClasses: Set<String>?
  public var personTypes: Set<String>?
  public var medicalTypes: Set<String>?
  public var hospitalLevels: Set<Int>?
  public var institutionTypes: Set<String>?
  public var inRegion: Bool?
  public var poor: Bool?
  public var settlementWays: Set<String>?
  public var dialysisPartner: Bool?
  public var minimumContributionYears: Int?
  public var gender: String?
  public var maternityTypes: Set<String>?
  public var registered: Set<String>?
  public var insulin: Bool?
  public var maternityRow: Bool?
  /// Matches when none of these match.
  public var not: [Condition]?
  /// Matches when at least one of these matches.
  public var any: [Condition]?

  public static let always = Condition()

  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case insuranceTypes = "insutype"
    case personClasses = "person_class"
    case personTypes = "psn_type"
    case medicalTypes = "med_type"
    case hospitalLevels = "hosp_lv"
    case institutionTypes = "fixmedins_type"
    case inRegion = "in_region"
    case poor
    case settlementWays = "psn_setlway"
    case dialysisPartner = "dialysis_partner"
    case minimumContributionYears = "cont_years_at_least"
    case gender = "gend"
    case maternityTypes = "matn_type"
    case registered
    case insulin
    case maternityRow = "maternity_row"
    case not
    case any
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
    insuranceTypes = try c.decodeIfPresent(Set<String>.self, forKey: .insuranceTypes)
    personClasses = try c.decodeIfPresent(Set<String>.self, forKey: .personClasses)
    personTypes = try c.decodeIfPresent(Set<String>.self, forKey: .personTypes)
    medicalTypes = try c.decodeIfPresent(Set<String>.self, forKey: .medicalTypes)
    hospitalLevels = try c.decodeIfPresent(Set<Int>.self, forKey: .hospitalLevels)
    institutionTypes = try c.decodeIfPresent(Set<String>.self, forKey: .institutionTypes)
    inRegion = try c.decodeIfPresent(Bool.self, forKey: .inRegion)
    poor = try c.decodeIfPresent(Bool.self, forKey: .poor)
    settlementWays = try c.decodeIfPresent(Set<String>.self, forKey: .settlementWays)
    dialysisPartner = try c.decodeIfPresent(Bool.self, forKey: .dialysisPartner)
    minimumContributionYears = try c.decodeIfPresent(Int.self, forKey: .minimumContributionYears)
    gender = try c.decodeIfPresent(String.self, forKey: .gender)
    maternityTypes = try c.decodeIfPresent(Set<String>.self, forKey: .maternityTypes)
    registered = try c.decodeIfPresent(Set<String>.self, forKey: .registered)
    insulin = try c.decodeIfPresent(Bool.self, forKey: .insulin)
    maternityRow = try c.decodeIfPresent(Bool.self, forKey: .maternityRow)
    not = try Condition.decodeList(c, .not)
    any = try Condition.decodeList(c, .any)
  }

  /// `not:` and `any:` take one condition or a list of them.
  private static func decodeList(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [Condition]? {
    guard c.contains(key) else { return nil }
    // A sequence is decoded as a list, so that an error inside it keeps its own path.
    if (try? c.nestedUnkeyedContainer(forKey: key)) != nil { return try c.decode([Condition].self, forKey: key) }
    return [try c.decode(Condition.self, forKey: key)]
  }

  /// Whether the settlement's facts satisfy this condition.
  public func matches(_ facts: Facts) -> Bool {
    func check<T: Hashable>(_ allowed: Set<T>?, _ value: T?) -> Bool {
      guard let allowed else { return true }
      guard let value else { return false }
      return allowed.contains(value)
    }
    func same<T: Equatable>(_ expected: T?, _ value: T?) -> Bool { expected == nil || expected == value }
    guard check(insuranceTypes, facts.insuranceType), check(personClasses, facts.personClass),
      check(personTypes, facts.personType), check(medicalTypes, facts.medicalType),
      check(hospitalLevels, facts.hospitalLevel), check(institutionTypes, facts.institutionType),
      same(inRegion, facts.inRegion), same(poor, facts.poor), check(settlementWays, facts.settlementWay),
      same(dialysisPartner, facts.dialysisPartner), same(gender, facts.gender),
      check(maternityTypes, facts.maternityType), same(insulin, facts.insulin),
      same(maternityRow, facts.maternityRow)
    else { return false }
    if let minimumContributionYears, facts.contributionYears < minimumContributionYears { return false }
    if let registered, !registered.isSubset(of: facts.registered) { return false }
    if let not, not.contains(where: { $0.matches(facts) }) { return false }
    if let any, !any.contains(where: { $0.matches(facts) }) { return false }
    return true
  }
}
