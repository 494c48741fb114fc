import Money
import Policy
import Registry
import Settlement
import Testing

/// Replays the hand-worked scenarios of `Scenarios/*.yaml` through the engine: every
/// expected figure was computed by hand from the policy document (see the comments there).
@Suite struct ScenarioTests {
  @Test(arguments: Fixtures.scenarios)
  func scenario(_ scenario: Scenario) throws {
    let engine = SettlementEngine(region: Fixtures.region)
    let person = try ScenarioRunner.person(scenario.person)
    let insurance = try #require(person.insurance(ofType: scenario.person.insutype))
    var totals = Accumulators()
    var settled: [Int: Settlement] = [:]
    var cancelled: Set<Int> = []
    for (index, step) in scenario.steps.enumerated() {
      let label = "step \(index + 1)"
      if let cancelledStep = step.cancel {
        let original = try #require(
          settled[cancelledStep], "\(label) cancels step \(cancelledStep), which did not settle")
        // A settlement is cancelled once: a second cancellation is refused and changes nothing.
        guard cancelled.insert(cancelledStep).inserted else {
          #expect(step.reject != nil, "\(label) cancels step \(cancelledStep) a second time and should be refused")
          continue
        }
        #expect(step.reject == nil, "\(label) should be refused: \(step.reject ?? "")")
        totals.apply(original.changes.map(\.mirrored))
        if let expect = step.expect {
          ScenarioRunner.compare(original.summary.mirrored, expect, label: label)
        }
        continue
      }
      let claim = try ScenarioRunner.claim(step, scenario: scenario)
      let balance = insurance.accountBalance + totals[.account]
      let beneficiary = Beneficiary(person: person, insurance: insurance, accountBalance: balance)
      do {
        let settlement = try engine.settle(claim, for: beneficiary, totals: totals)
        if let reason = step.reject {
          Issue.record("\(label) should be rejected (\(reason)) but settled: \(settlement.summary)")
          continue
        }
        totals.apply(settlement.changes)
        settled[index + 1] = settlement
        ScenarioRunner.checkIdentities(settlement.summary, label: label)
        if let expect = step.expect {
          ScenarioRunner.compare(
            settlement.summary, expect, label: label, explanation: settlement.funds.map(\.explanation))
        }
      } catch {
        if step.reject == nil { Issue.record("\(label) was rejected: \(error)") }
      }
    }
  }
}

enum ScenarioRunner {
  static func day(_ text: String) throws -> Day { try Day(text) }

  static func person(_ spec: Scenario.PersonSpec) throws -> Person {
    let balance = try Money(yuan: spec.account_balance ?? "0")
    var insurances = [
      Insurance(
        insuranceType: spec.insutype, personType: spec.psn_type, insuredSince: try day("2000-01-01"),
        contributionYears: spec.cont_years ?? 0, accountBalance: balance)
    ]
    if spec.maternity_row == true {
      insurances.append(
        Insurance(
          insuranceType: "510", personType: spec.psn_type, insuredSince: try day("2000-01-01"), contributionYears: 0,
          accountBalance: .zero))
    }
    return Person(
      number: "37040000000000009999", certificateType: "01", certificateNumber: "370402198001010011", name: "测试",
      gender: spec.gend == "2" ? .female : .male, birthDate: try day("1980-01-01"), admdvs: "370400",
      insurances: insurances,
      identities: try (spec.identities ?? []).map {
        IdentityRecord(code: $0.type, validity: DateRange(begin: try day($0.begin), end: try $0.end.map(day)))
      },
      qualifications: try (spec.qualifications ?? []).map {
        Qualification(
          diseaseCode: $0.dise_codg, validity: DateRange(begin: try day($0.begin), end: try $0.end.map(day)),
          institutionCode: $0.institution, courseNumber: $0.course_no, usesInsulin: $0.insulin ?? false)
      })
  }

  static func institution(_ spec: Scenario.InstitutionSpec) -> Institution {
    Institution(
      code: spec.code, name: spec.code, kind: spec.type == "P" ? .pharmacy : .hospital, level: spec.level ?? 0,
      admdvs: spec.admdvs, isDialysisPartner: spec.dialysis_partner ?? false)
  }

  static func claim(_ step: Scenario.Step, scenario: Scenario) throws -> Claim {
    let lines = try (step.lines ?? []).enumerated().map { index, spec in
      let item = CatalogItem(
        code: "ITEM\(index)", name: "item \(index)", listType: spec.list_type,
        level: CatalogItem.Level(rawValue: spec.lv) ?? .classA, chargeType: "09",
        selfPayRatio: try Ratio(spec.selfpay_prop ?? "0"), priceCap: try spec.cap.map { try Money(yuan: $0) },
        isNegotiated: spec.nego ?? false, isSpecialDrug: spec.special ?? false,
        validity: DateRange(begin: try day("2000-01-01"), end: nil))
      return FeeLine(
        serial: String(index + 1), item: item, price: try ExactDecimal(spec.pric, maxScale: 6),
        count: try ExactDecimal(spec.cnt, maxScale: 4))
    }
    return Claim(
      serviceDate: try day(step.date ?? ""), medicalType: step.med_type ?? "", insuranceType: scenario.person.insutype,
      diseaseCode: step.dise_codg, settlementWay: step.psn_setlway ?? "01", maternityType: step.matn_type,
      usesAccount: step.acct_used_flag == "1", institution: institution(step.institution ?? scenario.institution),
      lines: lines)
  }

  /// The identities of the national interface, on every answer.
  static func checkIdentities(_ s: SettlementSummary, label: String) {
    #expect(s.inScope == s.medicalFee - s.fullOwnPay - s.overLimit - s.preSelfPay, "\(label): inscp identity")
    #expect(s.medicalFee == s.fundTotal + s.personalPart, "\(label): medfee = fund + personal")
    let fundLines = s.funds.filter { $0.key != "310200" }.values
    #expect(Money.sum(fundLines) == s.fundTotal, "\(label): fund_pay_sumamt = Σ fund lines")
  }

  static func compare(_ s: SettlementSummary, _ e: Scenario.Expectation, label: String, explanation: [String] = []) {
    var mismatches: [String] = []
    func check(_ field: String, _ actual: String, _ expected: String?) {
      guard let expected else { return }
      let normalized = (try? Money(yuan: expected).description) ?? expected
      if actual != normalized && actual != expected {
        mismatches.append("\(field): got \(actual), expected \(expected)")
      }
    }
    check("medfee_sumamt", s.medicalFee.description, e.medfee_sumamt)
    check("fulamt_ownpay_amt", s.fullOwnPay.description, e.fulamt_ownpay_amt)
    check("overlmt_selfpay", s.overLimit.description, e.overlmt_selfpay)
    check("preselfpay_amt", s.preSelfPay.description, e.preselfpay_amt)
    check("inscp_scp_amt", s.inScope.description, e.inscp_scp_amt)
    check("act_pay_dedc", s.deductible.description, e.act_pay_dedc)
    check("hifp_pay", s.basicPay.description, e.hifp_pay)
    if let ratio = e.pool_prop_selfpay, ratio != s.basicRatio.fourDecimals {
      mismatches.append("pool_prop_selfpay: got \(s.basicRatio.fourDecimals), expected \(ratio)")
    }
    check("hifmi_pay", s.criticalIllnessPay.description, e.hifmi_pay)
    check("hifob_pay", s.supplementaryPay.description, e.hifob_pay)
    check("maf_pay", s.assistancePay.description, e.maf_pay)
    check("fund_pay_sumamt", s.fundTotal.description, e.fund_pay_sumamt)
    check("acct_pay", s.accountPay.description, e.acct_pay)
    check("psn_cash_pay", s.cashPay.description, e.psn_cash_pay)
    if let funds = e.funds {
      let actual = s.funds.filter { !$0.value.isZero }.mapValues(\.description)
      let expected = funds.compactMapValues { (try? Money(yuan: $0))?.description }.filter { $0.value != "0.00" }
      if actual != expected {
        mismatches.append(
          "funds: got \(actual.sorted { $0.key < $1.key }), expected \(expected.sorted { $0.key < $1.key })")
      }
    }
    #expect(
      mismatches.isEmpty, "\(label):\n\(mismatches.joined(separator: "\n"))\n\(explanation.joined(separator: "\n"))")
  }
}
