import Money
import Policy
import Registry

/// The settlement engine: a pure pipeline from a claim to a settlement.
///
/// split lines → choose regime → basic fund → layers (大病/特药, 大额, 救助, 再救助) → account.
/// Each stage is a value in and a value out with an explanation; the engine reads the
/// person's accumulators and returns the changes to append, never writing anything.
///
/// ```swift
/// let engine = SettlementEngine(region: region)
/// let settlement = try engine.settle(claim, for: beneficiary, totals: accumulators)
/// settlement.fundTotal       // fund_pay_sumamt
/// settlement.changes         // ledger entries to append
/// ```
public struct SettlementEngine: Sendable {
  public let region: RegionPolicy

  public init(region: RegionPolicy) { self.region = region }

  /// The version in force on the claim's service date, or a refusal naming the date.
  public func version(on day: Day) throws(SettlementError) -> PolicyVersion {
    guard let version = region.version(on: day) else {
      throw SettlementError(field: "begntime", value: day.description, message: "\(day)没有生效的待遇政策版本")
    }
    return version
  }

  /// Splits fee lines as an upload (2204 / 2301) does, before any settlement.
  public func split(_ lines: [FeeLine], serviceDate: Day, insuranceType: String) throws(SettlementError) -> SplitClaim {
    let version = try version(on: serviceDate)
    let facts = Facts(insuranceType: insuranceType, personClass: "", personType: "", medicalType: "")
    return LineSplit.split(lines, rules: version.lineSplit, facts: facts)
  }

  public func settle(_ claim: Claim, for beneficiary: Beneficiary, totals: Accumulators) throws(SettlementError)
    -> Settlement
  {
    let version = try version(on: claim.serviceDate)
    guard !claim.lines.isEmpty else {
      throw SettlementError(field: "mdtrt_id", value: "", message: "本次就诊没有可结算的费用明细")
    }
    let chosen = try RegimeChoice.choose(for: claim, beneficiary: beneficiary, region: region, version: version)
    let requestFacts = Facts(
      insuranceType: claim.insuranceType, personClass: chosen.facts.personClass, personType: chosen.facts.personType,
      medicalType: claim.medicalType)
    let split = LineSplit.split(claim.lines, rules: version.lineSplit, facts: requestFacts)
    guard let fund = region.basicFunds[chosen.facts.insuranceType] else {
      throw SettlementError(field: "insutype", value: chosen.facts.insuranceType, message: "险种没有对应的统筹基金")
    }
    let book = LimitBook(
      version: version, facts: chosen.facts, serviceDate: claim.serviceDate,
      course: chosen.qualification?.courseNumber
        ?? chosen.qualification.map { "\($0.diseaseCode)@\($0.validity.begin)" },
      totals: totals)
    let basic = BasicFund.pay(split, regime: chosen, fund: fund, limits: book)
    let held = beneficiary.person.identityCodes(on: claim.serviceDate)
    let identityRatio = held.compactMap { region.identities[$0]?.assistance }.max()
    let context = LayerContext(regime: chosen, split: split, basic: basic, book: book, identityRatio: identityRatio)
    let layers = FundLayers.pay(version.layers, context: context)

    var funds: [FundPayment] = []
    if !basic.amount.isZero {
      funds.append(
        FundPayment(
          fund: fund, name: region.fundNames[fund] ?? fund, base: basic.base, amount: basic.amount,
          limitLeft: basic.limits.compactMap(\.left).min(), explanation: basic.explanation))
    }
    for payment in layers where !payment.amount.isZero {
      funds.append(
        FundPayment(
          fund: payment.layer.fund, name: region.fundNames[payment.layer.fund] ?? payment.layer.fund,
          base: payment.base, amount: payment.amount, limitLeft: payment.limitLeft, explanation: payment.explanation))
    }
    let fundTotal = Money.sum(funds.map(\.amount))
    let personalPart = split.totals.medicalFee - fundTotal
    let account = AccountPayment.pay(
      personalPart: personalPart, balance: beneficiary.accountBalance, requested: claim.usesAccount,
      rule: version.account, facts: chosen.facts)
    var changes = basic.changes + layers.flatMap(\.changes)
    if !account.amount.isZero {
      changes.append(AccumulatorChange(key: .account, delta: -account.amount))
      funds.append(
        FundPayment(
          fund: version.account.fund, name: region.fundNames[version.account.fund] ?? version.account.fund,
          base: personalPart, amount: account.amount, limitLeft: beneficiary.accountBalance,
          explanation: account.explanation ?? ""))
    }
    return Settlement(
      versionID: version.id, regimeID: chosen.regime.id, regimeName: chosen.regime.name,
      insuranceType: chosen.facts.insuranceType, split: split, deductible: basic.deductible,
      basicRatio: basic.reportedRatio, funds: funds, fundTotal: fundTotal, accountPayment: account.amount,
      cashPayment: personalPart - account.amount,
      accountBalanceAfter: beneficiary.accountBalance - account.amount, changes: changes,
      courseNumber: chosen.qualification?.courseNumber)
  }
}
