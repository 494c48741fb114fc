import Money
import Policy
import Registry

/// Stage 2 (§4): the facts of the settlement and the regime that pays it.
///
/// Refusals of the version and of the regime, entitlement and the 门慢特 / 两病
/// qualification are checked here, so later stages only compute.
///
/// ```swift
/// let chosen = try RegimeChoice.choose(for: claim, beneficiary: person, region: region, version: version)
/// chosen.regime.id  // "inpatient"
/// ```
public enum RegimeChoice {
  public static func choose(
    for claim: Claim, beneficiary: Beneficiary, region: RegionPolicy, version: PolicyVersion
  ) throws(SettlementError) -> ChosenRegime {
    var facts = try baseFacts(for: claim, beneficiary: beneficiary, region: region)
    for refusal in version.refusals where refusal.when.matches(facts) {
      throw SettlementError(field: "med_type", value: claim.medicalType, message: refusal.message)
    }
    guard
      let regime = version.regimes.first(where: { regime in
        regime.when.matches(facts)
          && (regime.diseases == nil || regime.disease(matching: claim.diseaseCode ?? "") != nil)
      })
    else {
      throw SettlementError(
        field: "med_type", value: claim.medicalType,
        message: "\(version.id)不支持该结算组合：\(facts.summary), dise_codg=\(claim.diseaseCode ?? "")")
    }
    for refusal in regime.refusals where refusal.when.matches(facts) {
      throw SettlementError(field: "med_type", value: claim.medicalType, message: refusal.message)
    }
    if let eligible = regime.eligible, !eligible.contains(where: { $0.matches(facts) }) {
      throw SettlementError(
        field: "psn_no", value: beneficiary.person.number,
        message: "该人员不符合\(regime.name)待遇条件（\(facts.summary)）")
    }
    if let insuranceType = regime.settleAs?.value(for: facts) { facts.insuranceType = insuranceType }
    var disease: Disease?
    var qualification: Qualification?
    if regime.diseases != nil {
      let code = claim.diseaseCode ?? ""
      disease = regime.disease(matching: code)
      if regime.requiresQualification, let disease {
        qualification = try findQualification(for: disease, claim: claim, person: beneficiary.person)
        let valid = beneficiary.person.qualifications.filter { $0.validity.contains(claim.serviceDate) }
        for listed in regime.diseases ?? [] {
          let held = valid.filter { listed.matches($0.diseaseCode) }
          if !held.isEmpty { facts.registered.insert(listed.code) }
          if held.contains(where: \.usesInsulin) { facts.insulin = true }
        }
      }
    }
    return ChosenRegime(regime: regime, disease: disease, qualification: qualification, facts: facts)
  }

  /// The facts before any regime is chosen.
  static func baseFacts(for claim: Claim, beneficiary: Beneficiary, region: RegionPolicy) throws(SettlementError)
    -> Facts
  {
    let person = beneficiary.person
    let insurance = beneficiary.insurance
    guard let personClass = region.personClasses[insurance.personType] else {
      throw SettlementError(
        field: "psn_type", value: insurance.personType, message: "人员类别\(insurance.personType)不在\(region.name)结算范围内")
    }
    guard region.basicFunds[claim.insuranceType] != nil else {
      throw SettlementError(
        field: "insutype", value: claim.insuranceType, message: "险种\(claim.insuranceType)不在\(region.name)结算范围内")
    }
    var facts = Facts(
      insuranceType: claim.insuranceType, personClass: personClass, personType: insurance.personType,
      medicalType: claim.medicalType)
    let institution = claim.institution
    facts.hospitalLevel = institution.level
    facts.institutionType = institution.kind.rawValue
    facts.inRegion = region.isInRegion(admdvs: institution.admdvs)
    facts.dialysisPartner = institution.isDialysisPartner
    facts.settlementWay = claim.settlementWay
    facts.maternityType = claim.maternityType
    facts.gender = person.gender.rawValue
    facts.contributionYears = insurance.contributionYears
    facts.maternityRow = person.insurance(ofType: region.maternityInsuranceType) != nil
    facts.poor = person.identityCodes(on: claim.serviceDate).contains { region.identities[$0]?.poor == true }
    return facts
  }

  /// The qualification valid on the date at this institution; for radiotherapy the
  /// course with the latest begin date.
  static func findQualification(for disease: Disease, claim: Claim, person: Person) throws(SettlementError)
    -> Qualification
  {
    let valid = person.qualifications.filter {
      disease.matches($0.diseaseCode) && $0.validity.contains(claim.serviceDate)
    }
    let usable = valid.filter { $0.institutionCode == nil || $0.institutionCode == claim.institution.code }
    if let best = usable.max(by: { $0.validity.begin < $1.validity.begin }) { return best }
    if let bound = valid.first?.institutionCode {
      throw SettlementError(
        field: "fixmedins_code", value: claim.institution.code,
        message: "\(disease.name)(\(disease.code))资格认定限定在\(bound)结算")
    }
    throw SettlementError(
      field: "dise_codg", value: claim.diseaseCode ?? "",
      message: "人员\(person.number)在\(claim.serviceDate)没有有效的\(disease.name)(\(disease.code))资格认定")
  }
}

/// The regime chosen for a claim, with the disease and qualification it settles under.
public struct ChosenRegime: Sendable {
  public let regime: Regime
  public let disease: Disease?
  public let qualification: Qualification?
  /// The facts the rules test (insutype already switched by `settle_as`).
  public let facts: Facts
}
