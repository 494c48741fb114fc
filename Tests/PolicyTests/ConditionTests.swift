import Money
import Policy
import Testing

/// `Condition.matches`: every stated field must match, lists mean "one of", `not` refuses
/// any match, `any` needs one; and `RuleTable.value(for:)`: the first matching row wins.
@Suite("Conditions and rule tables")
struct ConditionTests {
  static let resident = Facts(insuranceType: "390", personClass: "resident", personType: "1501", medicalType: "21")
  static let employee = Facts(insuranceType: "310", personClass: "in_service", personType: "1101", medicalType: "21")
  static let retired = Facts(insuranceType: "310", personClass: "retired", personType: "1201", medicalType: "21")

  func facts(_ base: Facts = resident, _ change: (inout Facts) -> Void) -> Facts {
    var facts = base
    change(&facts)
    return facts
  }

  func condition(_ change: (inout Condition) -> Void) -> Condition {
    var condition = Condition()
    change(&condition)
    return condition
  }

  // MARK: Condition

  @Test("an empty condition always matches")
  func always() {
    #expect(Condition.always.matches(Self.resident))
    #expect(Condition().matches(Self.employee))
  }

  @Test("a list matches any of its values; every stated field must match")
  func listsAndFields() {
    let inpatient390 = condition {
      $0.insuranceTypes = ["390"]
      $0.medicalTypes = ["21", "22", "24"]
    }
    #expect(inpatient390.matches(Self.resident))
    #expect(inpatient390.matches(facts { $0.medicalType = "24" }))
    #expect(!inpatient390.matches(facts { $0.medicalType = "23" }))
    #expect(!inpatient390.matches(Self.employee))
    let classes = condition { $0.personClasses = ["in_service", "retired"] }
    #expect(classes.matches(Self.employee) && classes.matches(Self.retired) && !classes.matches(Self.resident))
    #expect(condition { $0.personTypes = ["1404"] }.matches(facts { $0.personType = "1404" }))
    #expect(!condition { $0.settlementWays = ["02"] }.matches(Self.resident))  // default 01
    #expect(condition { $0.settlementWays = ["02"] }.matches(facts { $0.settlementWay = "02" }))
  }

  @Test("a list condition on a fact the settlement does not have does not match")
  func missingFacts() {
    let level = condition { $0.hospitalLevels = [1, 2] }
    #expect(!level.matches(Self.resident))  // no hosp_lv
    #expect(level.matches(facts { $0.hospitalLevel = 2 }))
    #expect(!level.matches(facts { $0.hospitalLevel = 3 }))
    #expect(!condition { $0.institutionTypes = ["H"] }.matches(Self.resident))
    #expect(!condition { $0.maternityTypes = ["7"] }.matches(Self.resident))
    #expect(!condition { $0.gender = "2" }.matches(Self.resident))
    #expect(condition { $0.gender = "2" }.matches(facts { $0.gender = "2" }))
  }

  @Test("booleans must equal the fact, defaults included")
  func booleans() {
    #expect(condition { $0.inRegion = true }.matches(Self.resident))
    #expect(!condition { $0.inRegion = false }.matches(Self.resident))
    #expect(!condition { $0.poor = true }.matches(Self.resident))
    #expect(condition { $0.poor = false }.matches(Self.resident))
    #expect(condition { $0.poor = true }.matches(facts { $0.poor = true }))
    #expect(condition { $0.dialysisPartner = true }.matches(facts { $0.dialysisPartner = true }))
    #expect(!condition { $0.insulin = true }.matches(Self.resident))
    #expect(condition { $0.maternityRow = true }.matches(facts { $0.maternityRow = true }))
  }

  @Test("cont_years_at_least is inclusive")
  func contributionYears() {
    let fiveYears = condition { $0.minimumContributionYears = 5 }
    #expect(!fiveYears.matches(facts { $0.contributionYears = 4 }))
    #expect(fiveYears.matches(facts { $0.contributionYears = 5 }))
    #expect(fiveYears.matches(facts { $0.contributionYears = 12 }))
  }

  @Test("registered needs every listed disease")
  func registered() {
    let both = condition { $0.registered = ["I10", "E11"] }
    #expect(both.matches(facts { $0.registered = ["I10", "E11"] }))
    #expect(!both.matches(facts { $0.registered = ["E11"] }))
    #expect(condition { $0.registered = ["E11"] }.matches(facts { $0.registered = ["I10", "E11"] }))
    #expect(!condition { $0.registered = ["E11"] }.matches(Self.resident))
    #expect(condition { $0.registered = [] }.matches(Self.resident))
  }

  @Test("not matches when none of its conditions match")
  func not() {
    let notPharmacyTypes = condition { $0.not = [condition { $0.medicalTypes = ["41", "14"] }] }
    #expect(notPharmacyTypes.matches(facts { $0.medicalType = "11" }))
    #expect(!notPharmacyTypes.matches(facts { $0.medicalType = "41" }))
    #expect(!notPharmacyTypes.matches(facts { $0.medicalType = "14" }))
    let neither = condition {
      $0.not = [condition { $0.poor = true }, condition { $0.personTypes = ["1404"] }]
    }
    #expect(neither.matches(Self.resident))
    #expect(!neither.matches(facts { $0.poor = true }))
    #expect(!neither.matches(facts { $0.personType = "1404" }))
    #expect(condition { $0.not = [] }.matches(Self.resident))
    #expect(!condition { $0.not = [.always] }.matches(Self.resident))
  }

  @Test("any matches when at least one of its conditions matches")
  func any() {
    let poorOrStudent = condition {
      $0.any = [condition { $0.poor = true }, condition { $0.personTypes = ["1404"] }]
    }
    #expect(!poorOrStudent.matches(Self.resident))
    #expect(poorOrStudent.matches(facts { $0.poor = true }))
    #expect(poorOrStudent.matches(facts { $0.personType = "1404" }))
    #expect(
      poorOrStudent.matches(
        facts {
          $0.poor = true; $0.personType = "1404"
        }))
    #expect(!condition { $0.any = [] }.matches(Self.resident))
  }

  @Test("fields, not and any combine with and; not and any nest")
  func nesting() {
    // 390 inpatients who are neither poor nor (in region at level 1).
    let nested = condition {
      $0.insuranceTypes = ["390"]
      $0.not = [
        condition {
          $0.any = [condition { $0.poor = true }, condition { $0.hospitalLevels = [1] }]
        }
      ]
    }
    #expect(nested.matches(facts { $0.hospitalLevel = 2 }))
    #expect(!nested.matches(facts { $0.hospitalLevel = 1 }))
    #expect(
      !nested.matches(
        facts {
          $0.hospitalLevel = 2; $0.poor = true
        }))
    #expect(!nested.matches(facts(Self.employee) { $0.hospitalLevel = 2 }))
    let anyWithNot = condition {
      $0.any = [condition { $0.not = [condition { $0.inRegion = true }] }, condition { $0.poor = true }]
    }
    #expect(!anyWithNot.matches(Self.resident))
    #expect(anyWithNot.matches(facts { $0.inRegion = false }))
    #expect(anyWithNot.matches(facts { $0.poor = true }))
  }

  // MARK: RuleTable

  @Test("the first matching row wins, even over a more specific later row")
  func firstMatch() {
    let table = RuleTable<Ratio>(rows: [
      .init(when: condition { $0.not = [condition { $0.poor = true }] }, value: .percent(10)),
      .init(
        when: condition { $0.any = [condition { $0.hospitalLevels = [1] }, condition { $0.inRegion = false }] },
        value: .percent(20)),
      .init(
        when: condition {
          $0.poor = true; $0.hospitalLevels = [1]
        }, value: .percent(90)),  // shadowed
      .init(when: .always, value: .percent(30)),
    ])
    #expect(table.value(for: Self.resident) == .percent(10))
    #expect(
      table.value(
        for: facts {
          $0.poor = true; $0.hospitalLevel = 1
        }) == .percent(20))
    #expect(
      table.value(
        for: facts {
          $0.poor = true; $0.inRegion = false
        }) == .percent(20))
    #expect(
      table.value(
        for: facts {
          $0.poor = true; $0.hospitalLevel = 2
        }) == .percent(30))
  }

  @Test("no matching row gives nil; a single value always matches")
  func noMatch() {
    let table = RuleTable<Money>(rows: [.init(when: condition { $0.insuranceTypes = ["310"] }, value: Money(fen: 100))])
    #expect(table.value(for: Self.resident) == nil)
    #expect(table.value(for: Self.employee) == Money(fen: 100))
    #expect(RuleTable<Money>(Money(fen: 5)).value(for: Self.resident) == Money(fen: 5))
    #expect(RuleTable<Money>(rows: []).value(for: Self.resident) == nil)
  }

  // MARK: The shipped tables

  @Test(
    "V2021 inpatient ratio: the first row for the person's insutype, class and level",
    arguments: [
      (resident, 1, Ratio.percent(90)), (resident, 2, .percent(80)), (resident, 3, .percent(65)),
      (retired, 1, .percent(95)), (retired, 2, .percent(93)), (retired, 3, .percent(90)),
      (employee, 1, .percent(90)), (employee, 2, .percent(88)), (employee, 3, .percent(85)),
    ] as [(Facts, Int, Ratio)])
  func inpatientRatio(_ person: Facts, level: Int, expected: Ratio) throws {
    let inpatient = try #require(DemoPolicy.region.versions.last?.regime(id: "inpatient"))
    #expect(inpatient.ratio.value(for: facts(person) { $0.hospitalLevel = level }) == expected)
    #expect(inpatient.ratio.value(for: person) == nil, "no hosp_lv, no row")
  }

  @Test("V2021 referral first-pay is waived for the poor and for students (1404)")
  func referralFirstPay() throws {
    let referral = try #require(DemoPolicy.region.versions.last?.regime(id: "referral"))
    let firstPay = try #require(referral.firstPay)
    #expect(firstPay.value(for: Self.resident) == .percent(10))
    #expect(firstPay.value(for: facts { $0.poor = true }) == .zero)
    #expect(firstPay.value(for: facts { $0.personType = "1404" }) == .zero)
    #expect(firstPay.value(for: Self.employee) == .percent(10))
    let bonus = try #require(referral.bonus)
    #expect(bonus.value(for: facts { $0.contributionYears = 5 }) == .percent(2))
    #expect(bonus.value(for: facts { $0.contributionYears = 4 }) == nil)
    #expect(bonus.value(for: facts(Self.employee) { $0.contributionYears = 30 }) == nil)
  }

  @Test("V2021 two-disease limit: first row of the registered diseases, insulin counted in V2021 only")
  func twoDiseaseLimit() throws {
    let v2021 = try #require(DemoPolicy.region.versions.last?.limits["two_diseases"])
    let v2020B = try #require(DemoPolicy.region.version(on: day("2020-12-31"))?.limits["two_diseases"])
    let both = facts { $0.registered = ["I10", "E11"] }
    let diabetesOnInsulin = facts {
      $0.registered = ["E11"]; $0.insulin = true
    }
    let diabetes = facts { $0.registered = ["E11"] }
    let hypertension = facts { $0.registered = ["I10"] }
    #expect(v2021.amount.value(for: both)?.value == Money(fen: 600_00))
    #expect(v2021.amount.value(for: diabetesOnInsulin)?.value == Money(fen: 600_00))
    #expect(v2021.amount.value(for: diabetes)?.value == Money(fen: 400_00))
    #expect(v2021.amount.value(for: hypertension)?.value == Money(fen: 300_00))
    #expect(v2020B.amount.value(for: both)?.value == Money(fen: 500_00))
    #expect(v2020B.amount.value(for: diabetesOnInsulin)?.value == Money(fen: 400_00))
  }

  @Test("V2021 refusals: a pharmacy settles only 41 and 14 (a `not` in the shipped file)")
  func shippedRefusals() throws {
    let refusals = try #require(DemoPolicy.region.versions.last?.refusals)
    func refused(_ facts: Facts) -> Bool { refusals.contains { $0.when.matches(facts) } }
    let pharmacy = facts { $0.institutionType = "P" }
    #expect(!refused(facts(pharmacy) { $0.medicalType = "41" }))
    #expect(!refused(facts(pharmacy) { $0.medicalType = "14" }))
    #expect(refused(facts(pharmacy) { $0.medicalType = "11" }))
    #expect(
      refused(
        facts {
          $0.institutionType = "H"; $0.medicalType = "41"
        }))
    #expect(
      refused(
        facts {
          $0.institutionType = "H"; $0.hospitalLevel = 0; $0.medicalType = "21"
        }))
    #expect(
      !refused(
        facts {
          $0.institutionType = "H"; $0.hospitalLevel = 0; $0.medicalType = "11"
        }))
    #expect(
      !refused(
        facts {
          $0.institutionType = "H"; $0.hospitalLevel = 2; $0.medicalType = "21"
        }))
  }

  @Test("the first regime whose condition matches is chosen: 两病 before 门慢特 for residents")
  func regimeOrder() throws {
    let version = try #require(DemoPolicy.region.versions.last)
    func regime(_ facts: Facts) -> String? { version.regimes.first { $0.when.matches(facts) }?.id }
    #expect(regime(facts { $0.medicalType = "14" }) == "two_diseases")
    #expect(regime(facts(Self.employee) { $0.medicalType = "14" }) == "chronic")
    #expect(regime(facts { $0.medicalType = "23" }) == "referral")
    #expect(regime(facts { $0.medicalType = "41" }) == nil)  // no fixmedins_type P
    #expect(
      regime(
        facts {
          $0.medicalType = "41"; $0.institutionType = "P"
        }) == "pharmacy")
    #expect(regime(facts { $0.medicalType = "99" }) == nil)
  }
}
