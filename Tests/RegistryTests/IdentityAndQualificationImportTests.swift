import Registry
import Testing

@Suite("ReferenceImport.identities and .qualifications")
struct IdentityAndQualificationImportTests {
  static let identity = ["psn_no": "37040000000000000002", "psn_idet_type": "2102", "begndate": "2018-01-01"]
  static let qualification = [
    "psn_no": "37040000000000000010", "dise_codg": "M00501", "begndate": "2021-03-01", "enddate": "2021-08-31",
    "fixmedins_code": "H37040200001", "course_no": "RT2021001", "insulin_flag": "0",
  ]

  @Test("reads identities with shuffled columns; an empty end is open")
  func identities() throws {
    let closed = replacing(replacing(Self.identity, "psn_idet_type", with: "2101"), "enddate", with: "2020-12-31")
    let identities = try ReferenceImport.identities(
      makeCSV(["enddate", "psn_idet_type", "begndate", "psn_no"], [Self.identity, closed]))
    #expect(identities.map(\.personNumber) == ["37040000000000000002", "37040000000000000002"])
    #expect(
      identities.map(\.identity) == [
        IdentityRecord(code: "2102", validity: DateRange(begin: try Day("2018-01-01"), end: nil)),
        IdentityRecord(code: "2101", validity: DateRange(begin: try Day("2018-01-01"), end: try Day("2020-12-31"))),
      ])
  }

  static let badIdentities = [
    BadValue("psn_no", "", "不能为空"),
    BadValue("psn_idet_type", "", "不能为空"),
    BadValue("begndate", "", "不能为空"),
    BadValue("begndate", "20180101", "不是有效日期（应为yyyy-MM-dd）"),
    BadValue("enddate", "2017-12-31", "结束日期早于开始日期2018-01-01"),
  ]

  @Test("names the line, the column and the value of a bad identity field", arguments: badIdentities)
  func badIdentity(_ bad: BadValue) {
    let text = makeCSV(
      ReferenceImport.identityColumns, [Self.identity, replacing(Self.identity, bad.column, with: bad.value)])
    #expect(importErrors { () throws(ImportErrors) in try ReferenceImport.identities(text) } == [bad.error(line: 3)])
  }

  @Test("reads qualifications with shuffled columns; empty optional fields are nil")
  func qualifications() throws {
    let any = [
      "psn_no": "37040000000000000009", "dise_codg": "E11", "begndate": "2020-01-01", "enddate": "",
      "fixmedins_code": "", "course_no": "", "insulin_flag": "1",
    ]
    let columns = ["insulin_flag", "course_no", "fixmedins_code", "enddate", "begndate", "dise_codg", "psn_no"]
    let qualifications = try ReferenceImport.qualifications(makeCSV(columns, [Self.qualification, any]))
    #expect(qualifications.map(\.personNumber) == ["37040000000000000010", "37040000000000000009"])
    #expect(
      qualifications.map(\.qualification) == [
        Qualification(
          diseaseCode: "M00501", validity: DateRange(begin: try Day("2021-03-01"), end: try Day("2021-08-31")),
          institutionCode: "H37040200001", courseNumber: "RT2021001", usesInsulin: false),
        Qualification(
          diseaseCode: "E11", validity: DateRange(begin: try Day("2020-01-01"), end: nil), institutionCode: nil,
          courseNumber: nil, usesInsulin: true),
      ])
  }

  static let badQualifications = [
    BadValue("psn_no", "", "不能为空"),
    BadValue("dise_codg", "", "不能为空"),
    BadValue("begndate", "2021-02-30", "不是有效日期（应为yyyy-MM-dd）"),
    BadValue("enddate", "2021-02-28", "结束日期早于开始日期2021-03-01"),
    BadValue("fixmedins_code", "H370402", "机构编码应为H或P加6位行政区划加5位数字（为空表示不限机构）"),
    BadValue("insulin_flag", "", "不能为空"),
    BadValue("insulin_flag", "yes", "必须是0或1"),
  ]

  @Test("names the line, the column and the value of a bad qualification field", arguments: badQualifications)
  func badQualification(_ bad: BadValue) {
    let rows = [Self.qualification, replacing(Self.qualification, bad.column, with: bad.value)]
    let text = makeCSV(ReferenceImport.qualificationColumns, rows, lineEnd: "\r\n")
    #expect(
      importErrors { () throws(ImportErrors) in try ReferenceImport.qualifications(text) } == [bad.error(line: 3)])
  }
}
