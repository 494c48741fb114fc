import Money
import Registry
import Testing

@Suite("ReferenceImport.persons")
struct PersonImportTests {
  static let employee = [
    "psn_no": "37040000000000000005", "psn_cert_type": "01", "certno": "370405199209097586", "psn_name": "陈静",
    "gend": "2", "brdy": "1992-09-09", "admdvs": "370400", "insutype": "310", "psn_type": "1101",
    "psn_insu_date": "2014-07-01", "cont_years": "0", "acct_balc": "1200.00",
  ]
  static let maternity = replacing(replacing(employee, "insutype", with: "510"), "acct_balc", with: "0")
  static let retiree = [
    "psn_no": "37040000000000000004", "psn_cert_type": "01", "certno": "37040619550115585X", "psn_name": "孙德明",
    "gend": "1", "brdy": "1955-01-15", "admdvs": "370400", "insutype": "310", "psn_type": "1201",
    "psn_insu_date": "1996-01-01", "cont_years": "12", "acct_balc": "5000.5",
  ]
  static let shuffled = [
    "acct_balc", "insutype", "psn_name", "brdy", "psn_no", "cont_years", "gend", "certno", "admdvs", "psn_type",
    "psn_cert_type", "psn_insu_date",
  ]

  @Test("groups the rows of a person into one person with several insurances")
  func grouping() throws {
    let persons = try ReferenceImport.persons(makeCSV(Self.shuffled, [Self.employee, Self.retiree, Self.maternity]))
    #expect(persons.map(\.number) == ["37040000000000000005", "37040000000000000004"])
    let chen = persons[0]
    #expect(chen.name == "陈静")
    #expect(chen.certificateType == "01")
    #expect(chen.certificateNumber == "370405199209097586")
    #expect(chen.gender == .female)
    #expect(chen.birthDate == (try Day("1992-09-09")))
    #expect(chen.admdvs == "370400")
    #expect(chen.identities.isEmpty && chen.qualifications.isEmpty)
    #expect(
      chen.insurances == [
        Insurance(
          insuranceType: "310", personType: "1101", insuredSince: try Day("2014-07-01"), contributionYears: 0,
          accountBalance: Money(fen: 1200_00)),
        Insurance(
          insuranceType: "510", personType: "1101", insuredSince: try Day("2014-07-01"), contributionYears: 0,
          accountBalance: .zero),
      ])
    #expect(persons[1].gender == .male)
    #expect(persons[1].insurances.map(\.contributionYears) == [12])
    #expect(persons[1].insurances.map(\.accountBalance) == [Money(fen: 5000_50)])
  }

  @Test("does not check the certificate number of other certificate types")
  func otherCertificate() throws {
    let row = replacing(replacing(Self.employee, "psn_cert_type", with: "02"), "certno", with: "军字第123号")
    let persons = try ReferenceImport.persons(makeCSV(ReferenceImport.personColumns, [row]))
    #expect(persons.map(\.certificateNumber) == ["军字第123号"])
  }

  static let badValues = [
    BadValue("psn_no", "", "不能为空"),
    BadValue("psn_cert_type", "1", "证件类型应为2位代码（01为居民身份证）"),
    BadValue("certno", "", "不能为空"),
    BadValue("certno", "37040619550115585", "身份证号应为18位：17位数字加1位校验码（0-9或大写X）"),
    BadValue("certno", "37040619550115585x", "身份证号应为18位：17位数字加1位校验码（0-9或大写X）"),
    BadValue("certno", "370406195501155851", "身份证号校验码错误（按GB 11643应为“X”）"),
    BadValue("certno", "370406195502305856", "身份证号第7-14位不是有效的出生日期"),
    BadValue("psn_name", "", "不能为空"),
    BadValue("gend", "0", "性别必须是1（男）或2（女）"),
    BadValue("gend", "2", "性别与身份证号不一致（身份证号第17位表示男）"),
    BadValue("brdy", "1955-1-15", "不是有效日期（应为yyyy-MM-dd）"),
    BadValue("brdy", "1955-01-16", "出生日期与身份证号中的1955-01-15不一致"),
    BadValue("admdvs", "3704", "参保地行政区划应为6位数字"),
    BadValue("insutype", "31", "险种类型应为3位数字（如310、390、510）"),
    BadValue("insutype", "", "不能为空"),
    BadValue("psn_type", "11010", "人员类别应为4位数字"),
    BadValue("psn_insu_date", "", "不能为空"),
    BadValue("psn_insu_date", "1996-00-01", "不是有效日期（应为yyyy-MM-dd）"),
    BadValue("cont_years", "-1", "连续缴费年限须为不小于0的整数"),
    BadValue("cont_years", "1.5", "连续缴费年限须为不小于0的整数"),
    BadValue("cont_years", "", "不能为空"),
    BadValue("acct_balc", "-0.01", "个人账户余额须为不小于0的金额，最多2位小数"),
    BadValue("acct_balc", "1.234", "个人账户余额须为不小于0的金额，最多2位小数"),
    BadValue("acct_balc", "¥5", "个人账户余额须为不小于0的金额，最多2位小数"),
    BadValue("acct_balc", "", "不能为空"),
  ]

  @Test("names the line, the column and the value of a bad field", arguments: badValues)
  func badValue(_ bad: BadValue) {
    let text = makeCSV(Self.shuffled, [Self.employee, replacing(Self.retiree, bad.column, with: bad.value)])
    #expect(importErrors { () throws(ImportErrors) in try ReferenceImport.persons(text) } == [bad.error(line: 3)])
  }

  @Test("the person columns of a person's rows must agree")
  func disagreeingRows() {
    let other = replacing(replacing(Self.maternity, "psn_name", with: "陈晶"), "admdvs", with: "370402")
    let errors = importErrors { () throws(ImportErrors) in
      try ReferenceImport.persons(makeCSV(ReferenceImport.personColumns, [Self.employee, Self.retiree, other]))
    }
    #expect(
      errors == [
        ImportError(
          line: 4, column: "psn_name", value: "陈晶", message: "同一人员（psn_no 37040000000000000005）第2行为“陈静”，两者不一致"),
        ImportError(
          line: 4, column: "admdvs", value: "370402",
          message: "同一人员（psn_no 37040000000000000005）第2行为“370400”，两者不一致"),
      ])
  }

  @Test("an insurance type may appear once per person")
  func repeatedInsurance() {
    let errors = importErrors { () throws(ImportErrors) in
      try ReferenceImport.persons(
        makeCSV(ReferenceImport.personColumns, [Self.employee, Self.maternity, Self.retiree, Self.maternity]))
    }
    #expect(
      errors == [
        ImportError(
          line: 5, column: "insutype", value: "510", message: "同一人员（psn_no 37040000000000000005）的此险种第3行已有")
      ])
  }

  @Test("reports every bad row, returning nothing")
  func everyBadRow() {
    let rows = (0..<60).map { index in replacing(Self.retiree, "psn_no", with: "3704000000000000\(1000 + index)") }
      .map { replacing($0, "cont_years", with: "x") }
    do {
      _ = try ReferenceImport.persons(makeCSV(ReferenceImport.personColumns, rows))
      Issue.record("expected the import to fail")
    } catch {
      #expect(error.totalCount == 60)
      #expect(error.errors.count == ImportErrors.limit)
      #expect(error.errors.map(\.line) == Array(2...51))
      #expect(error.errors.allSatisfy { $0.column == "cont_years" && $0.value == "x" })
    }
  }
}
