import Money
import Policy
import Registry
import Testing

/// The shipped demo policy of region 370400 loads: its header, its three versions V2020A,
/// V2020B and V2021, and the choice of the version in force on a service date.
@Suite("Demo policy")
struct DemoPolicyTests {
  let region = DemoPolicy.region

  @Test("the shipped files are the region file and three version files")
  func shippedFiles() {
    #expect(DemoPolicy.shipped.keys.sorted() == ["V2020A.yaml", "V2020B.yaml", "V2021.yaml", "region.yaml"])
  }

  @Test("the header holds the region's classes, funds and identities")
  func header() throws {
    #expect(region.code == "370400")
    #expect(region.name == "示例统筹区")
    #expect(region.inRegionPrefix == "3704")
    #expect(region.isInRegion(admdvs: "370402"))
    #expect(!region.isInRegion(admdvs: "370500"))
    #expect(region.personClasses["1101"] == "in_service")
    #expect(region.personClasses["1201"] == "retired")
    #expect(region.personClasses["1501"] == "resident")
    #expect(region.personClasses["1300"] == nil)
    #expect(region.basicFunds == ["310": "310100", "390": "390100", "510": "510100"])
    #expect(region.fundNames["330100"] == "职工大额医疗费用补助基金")
    let poorest = try #require(region.identities["2101"])
    #expect(poorest.poor && poorest.assistance == .percent(90))
    let monitored = try #require(region.identities["2104"])
    #expect(!monitored.poor && monitored.assistance == .percent(50))
    #expect(region.identities["2107"]?.assistance == nil)
  }

  @Test("three versions, sorted by begin date, with their validity")
  func versions() {
    #expect(region.versions.map(\.id) == ["V2020A", "V2020B", "V2021"])
    #expect(region.versions.map(\.validity.begin) == [day("2020-01-01"), day("2020-07-01"), day("2021-01-01")])
    #expect(region.versions.map(\.validity.end) == [day("2020-06-30"), day("2020-12-31"), nil])
  }

  @Test(
    "version(on:) picks the version in force, boundaries included",
    arguments: [
      ("2019-12-31", nil), ("2020-01-01", "V2020A"), ("2020-03-15", "V2020A"), ("2020-06-30", "V2020A"),
      ("2020-07-01", "V2020B"), ("2020-12-31", "V2020B"), ("2021-01-01", "V2021"), ("2024-02-29", "V2021"),
      ("2999-12-31", "V2021"), ("1900-01-01", nil),
    ] as [(String, String?)])
  func versionOn(_ date: String, expected: String?) {
    #expect(region.version(on: day(date))?.id == expected)
  }

  @Test("the versions differ where the policy changed")
  func differences() throws {
    let a = try #require(region.version(on: day("2020-06-30")))
    let b = try #require(region.version(on: day("2020-07-01")))
    let c = try #require(region.version(on: day("2021-01-01")))
    // Radiotherapy per-course limit from V2020B.
    #expect(a.limits["radiotherapy_course"] == nil)
    #expect(b.limits["radiotherapy_course"]?.scope == .course)
    #expect(a.regime(id: "chronic")?.disease(matching: "M00501")?.limits.map(\.id) == ["tumour"])
    #expect(b.regime(id: "chronic")?.disease(matching: "M00501")?.limits.map(\.id) == ["radiotherapy_course"])
    // Dialysis first-pay only in V2020A.
    #expect(a.regime(id: "chronic")?.disease(matching: "M07800")?.firstPay?.rows.map(\.value) == [.percent(10)])
    #expect(b.regime(id: "chronic")?.disease(matching: "M07800")?.firstPay == nil)
    // 双通道 and the negotiated self-pay only in V2021.
    #expect(b.regime(id: "pharmacy") == nil)
    #expect(c.regime(id: "pharmacy") != nil)
    #expect(b.lineSplit.negotiatedSelfPay == nil)
    #expect(c.lineSplit.negotiatedSelfPay?.rows.map(\.value) == [.percent(5), .percent(10)])
    // 两病 ratio 50% → 60%.
    #expect(b.regime(id: "two_diseases")?.ratio.rows.map(\.value) == [.percent(50)])
    #expect(c.regime(id: "two_diseases")?.ratio.rows.map(\.value) == [.percent(60)])
  }

  @Test("V2021's building blocks read as written")
  func v2021Contents() throws {
    let version = try #require(region.versions.last)
    #expect(
      version.regimes.map(\.id) == [
        "general_outpatient", "two_diseases", "chronic", "inpatient", "referral", "maternity", "pharmacy",
      ])
    #expect(
      version.layers.map(\.id) == [
        "special_drugs", "critical_illness", "employee_supplementary", "assistance", "re_assistance",
      ])
    #expect(version.refusals.count == 3)
    #expect(version.limits.count == 19)
    for (key, limit) in version.limits { #expect(limit.id == key) }
    let outpatient = try #require(version.regime(id: "general_outpatient"))
    #expect(outpatient.deductible?.scope == .year)
    #expect(outpatient.deductible?.counter == "outpatient_deductible")
    #expect(outpatient.method == .ratio)
    #expect(outpatient.limits.map(\.id) == ["outpatient"])
    let maternity = try #require(version.regime(id: "maternity"))
    #expect(maternity.method == .standard)
    #expect(maternity.eligible?.count == 3)
    #expect(maternity.settleAs?.rows.map(\.value) == ["510"])
    let twoDiseases = try #require(version.regime(id: "two_diseases"))
    #expect(twoDiseases.requiresQualification)
    #expect(twoDiseases.base.listTypes == ["101", "102", "103", "104", "106"])
    #expect(twoDiseases.disease(matching: "I10.x05")?.code == "I10")
    #expect(version.regime(id: "chronic")?.disease(matching: "M00500.01") == nil)  // exact match
    #expect(version.regime(id: "pharmacy")?.base.negotiatedOnly == true)
    let critical = try #require(version.layers.first { $0.id == "critical_illness" })
    #expect(critical.kind == .segmented)
    #expect(critical.base?.description == "in_scope_regular - basic")
    #expect(critical.groups.map(\.threshold) == [Money(fen: 5_000_00), Money(fen: 15_000_00)])
    #expect(critical.groups[0].segments.map(\.ratio) == [.percent(65), .percent(75), .percent(85)])
    #expect(critical.baseCounter == "critical_illness.base")
    let supplementary = try #require(version.layers.first { $0.id == "employee_supplementary" })
    #expect(supplementary.kind == .overCap && supplementary.bindingLimit == "basic")
    let assistance = try #require(version.layers.first { $0.id == "assistance" })
    #expect(assistance.ratioSource == .identities && assistance.ratio == nil)
    #expect(assistance.base?.terms.map(\.sign) == [1, -1, -1, -1, -1])
    #expect(version.account.fund == "310200")
  }

  @Test("a null limit row means no limit for the matching people")
  func unlimitedRows() throws {
    let version = try #require(region.versions.last)
    let limit = try #require(version.limits["critical_illness"])
    var facts = Facts(insuranceType: "390", personClass: "resident", personType: "1501", medicalType: "21")
    facts.poor = true
    let poorRow = try #require(limit.amount.value(for: facts))
    #expect(poorRow.value == nil)
    facts.poor = false
    #expect(limit.amount.value(for: facts)?.value == Money(fen: 400_000_00))
    #expect(version.limits["haemophilia"]?.amount.rows.count == 1)
  }
}
