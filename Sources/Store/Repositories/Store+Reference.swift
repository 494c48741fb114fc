import Money
import Registry
import SQLKit

/// Reference data: institutions, catalogue, persons with their identities and qualifications.
extension Store {
  public func institution(code: String) -> Institution? { references.withLock { $0.institutions[code] } }

  public var institutionCount: Int { references.withLock { $0.institutions.count } }

  public func institutionCodes() async throws -> [String] {
    references.withLock { $0.institutions.keys.sorted() }
  }

  /// The institution's gateway secret (`x-tif-signature`), if it has one.
  public func secret(institutionCode: String) -> String? { references.withLock { $0.secrets[institutionCode] } }

  /// Sets or replaces an institution's gateway secret.
  public func setSecret(_ secret: String, institutionCode: String) async throws {
    try await database.transaction { sql in
      try await sql.raw(
        "UPDATE institutions SET secret = \(bind: secret) WHERE fixmedins_code = \(bind: institutionCode)"
      ).run()
    }
    references.withLock { $0.secrets[institutionCode] = secret }
  }

  /// The institution a `sign_no` was issued to by 9001.
  public func signInInstitution(_ signNumber: String) -> String? { references.withLock { $0.signIns[signNumber] } }

  /// The catalogue item valid on `day`; nil when the code is unknown or not valid then.
  public func catalogItem(code: String, on day: Day) -> CatalogItem? {
    references.withLock { snapshot in snapshot.catalog[code]?.last { $0.validity.contains(day) } }
  }

  public func catalogItemExists(code: String) -> Bool { references.withLock { $0.catalog[code] != nil } }

  public func person(number: String) async throws -> Person? {
    if let person = persons.withLock({ $0.byNumber[number] }) { return person }
    let person = try await read { sql in
      try await Store.loadPerson(sql, whereColumn: "psn_no", equals: number)
    }
    if let person { persons.withLock { $0.keep(person) } }
    return person
  }

  /// The person with this 证件号码 (1101 by `mdtrt_cert_type` 02).
  public func person(certificateNumber: String) async throws -> Person? {
    if let number = persons.withLock({ $0.numberByCertificate[certificateNumber] }) {
      return try await person(number: number)
    }
    let person = try await read { sql in
      try await Store.loadPerson(sql, whereColumn: "certno", equals: certificateNumber)
    }
    if let person { persons.withLock { $0.keep(person) } }
    return person
  }

  static func loadPerson(_ sql: any SQLDatabase, whereColumn column: String, equals value: String) async throws
    -> Person?
  {
    guard
      let row = try await sql.raw("SELECT * FROM persons WHERE \(ident: column) = \(bind: value)").first()
    else { return nil }
    let number = try row.string("psn_no")
    let insurances = try await sql.raw("SELECT * FROM insurances WHERE psn_no = \(bind: number) ORDER BY insutype")
      .all().map { row in
        Insurance(
          insuranceType: try row.string("insutype"), personType: try row.string("psn_type"),
          insuredSince: try row.day("psn_insu_date"), contributionYears: try row.int("cont_years"),
          accountBalance: try row.money("acct_balc"))
      }
    let identities = try await sql.raw("SELECT * FROM identities WHERE psn_no = \(bind: number)").all().map { row in
      IdentityRecord(
        code: try row.string("psn_idet_type"),
        validity: DateRange(begin: try row.day("begndate"), end: try row.optionalDay("enddate")))
    }
    let qualifications = try await sql.raw("SELECT * FROM qualifications WHERE psn_no = \(bind: number)").all().map {
      row in
      Qualification(
        diseaseCode: try row.string("dise_codg"),
        validity: DateRange(begin: try row.day("begndate"), end: try row.optionalDay("enddate")),
        institutionCode: try row.optionalString("fixmedins_code"), courseNumber: try row.optionalString("course_no"),
        usesInsulin: try row.int("insulin_flag") == 1)
    }
    return Person(
      number: number, certificateType: try row.string("psn_cert_type"), certificateNumber: try row.string("certno"),
      name: try row.string("psn_name"), gender: Gender(rawValue: try row.string("gend")) ?? .male,
      birthDate: try row.day("brdy"), admdvs: try row.string("admdvs"), insurances: insurances,
      identities: identities, qualifications: qualifications)
  }

  func reloadReferences() async throws {
    let (institutions, items, secrets, signIns) = try await read { sql in
      let institutions = try await sql.raw("SELECT * FROM institutions").all().map { row in
        Institution(
          code: try row.string("fixmedins_code"), name: try row.string("fixmedins_name"),
          kind: Institution.Kind(rawValue: try row.string("fixmedins_type")) ?? .hospital,
          level: try row.int("hosp_lv"), admdvs: try row.string("admdvs"),
          isDialysisPartner: try row.int("dialysis_partner") == 1)
      }
      let items = try await sql.raw("SELECT * FROM catalog_items ORDER BY med_list_codg, begndate").all().map { row in
        CatalogItem(
          code: try row.string("med_list_codg"), name: try row.string("med_list_name"),
          listType: try row.string("list_type"),
          level: CatalogItem.Level(rawValue: try row.string("chrgitm_lv")) ?? .classC,
          chargeType: try row.string("med_chrgitm_type"), selfPayRatio: try Ratio(try row.string("selfpay_prop")),
          priceCap: try row.optionalMoney("pric_uplmt_amt"), isNegotiated: try row.int("nego_flag") == 1,
          isSpecialDrug: try row.int("special_flag") == 1,
          validity: DateRange(begin: try row.day("begndate"), end: try row.optionalDay("enddate")))
      }
      var secrets: [String: String] = [:]
      for row in try await sql.raw("SELECT fixmedins_code, secret FROM institutions WHERE secret IS NOT NULL").all() {
        secrets[try row.string("fixmedins_code")] = try row.string("secret")
      }
      var signIns: [String: String] = [:]
      for row in try await sql.raw("SELECT sign_no, fixmedins_code FROM sign_ins").all() {
        signIns[try row.string("sign_no")] = try row.string("fixmedins_code")
      }
      return (institutions, items, secrets, signIns)
    }
    references.withLock { snapshot in
      snapshot.institutions = Dictionary(institutions.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
      snapshot.catalog = Dictionary(grouping: items, by: \.code)
      snapshot.secrets = secrets
      snapshot.signIns = signIns
    }
  }
}
