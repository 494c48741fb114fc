import Foundation
import Money
import Registry
import Testing

/// Parses the demo region's reference data, `Regions/370400/demo/*.csv`.
@Suite("ReferenceImport on the demo region 370400")
struct DemoDataImportTests {
  /// `Regions/370400/demo`, found from this file (following symbolic links to the repository).
  static let demo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Regions/370400/demo")

  func text(_ name: String) throws -> String {
    try String(contentsOf: Self.demo.appendingPathComponent(name), encoding: .utf8)
  }

  @Test("institutions.csv")
  func institutions() throws {
    let institutions = try ReferenceImport.institutions(text("institutions.csv"))
    #expect(institutions.count == 28)
    let shanting = try #require(institutions.first { $0.code == "H37040600001" })
    #expect(shanting.name == "山亭区人民医院")
    #expect(shanting.level == 2)
    #expect(shanting.isDialysisPartner)
    #expect(institutions.filter(\.isDialysisPartner).map(\.code) == ["H37040600001"])
    let pharmacy = try #require(institutions.first { $0.code == "P37040200001" })
    #expect(pharmacy.kind == .pharmacy)
    #expect(institutions.first { $0.code == "H37010200001" }?.admdvs == "370102")
  }

  @Test("catalog.csv")
  func catalog() throws {
    let items = try ReferenceImport.catalog(text("catalog.csv"))
    #expect(items.count == 385)
    let imrt = try #require(items.first { $0.code == "002403000060100" })
    #expect(imrt.priceCap == Money(fen: 800_00))
    #expect(imrt.selfPayRatio == .percent(10))
    let sintilimab = try #require(items.first { $0.code == "XL01XCK141A030607248873" })
    #expect(sintilimab.isNegotiated && sintilimab.isSpecialDrug)
    let retired = try #require(items.first { $0.code == "XA16AXJ444A031622184419" })
    #expect(retired.validity.end == (try Day("2020-12-31")))
    #expect(items.first { $0.code == "XA08ABQ915A010860222748" }?.level == .classC)
  }

  @Test("persons.csv")
  func persons() throws {
    let persons = try ReferenceImport.persons(text("persons.csv"))
    #expect(persons.count == 300)
    #expect(persons.map(\.insurances.count).reduce(0, +) == 312)
    let chen = try #require(persons.first { $0.number == "37040000000000000005" })
    #expect(chen.name == "陈静")
    #expect(chen.insurances.map(\.insuranceType) == ["310", "510"])
    let sun = try #require(persons.first { $0.number == "37040000000000000004" })
    #expect(sun.certificateNumber == "37040619550115585X")
    #expect(sun.insurance(ofType: "310")?.personType == "1201")
    #expect(sun.insurance(ofType: "310")?.accountBalance == Money(fen: 5000_00))
    #expect(persons.first { $0.number == "37040000000000000001" }?.insurance(ofType: "390")?.contributionYears == 6)
  }

  @Test("identities.csv")
  func identities() throws {
    let identities = try ReferenceImport.identities(text("identities.csv"))
    #expect(identities.count == 40)
    let wang = try #require(identities.first { $0.personNumber == "37040000000000000002" })
    #expect(wang.identity == IdentityRecord(code: "2102", validity: DateRange(begin: try Day("2018-01-01"), end: nil)))
  }

  @Test("qualifications.csv")
  func qualifications() throws {
    let qualifications = try ReferenceImport.qualifications(text("qualifications.csv"))
    #expect(qualifications.count == 60)
    let gao = qualifications.filter { $0.personNumber == "37040000000000000009" }.map(\.qualification)
    #expect(gao.map(\.diseaseCode) == ["I10", "E11"])
    #expect(gao.map(\.usesInsulin) == [false, true])
    let yang = qualifications.filter { $0.personNumber == "37040000000000000010" }.map(\.qualification)
    #expect(yang.map(\.courseNumber) == [nil, "RT2021001"])
    #expect(qualifications.contains { $0.qualification.institutionCode == "H37040600001" })
  }
}
