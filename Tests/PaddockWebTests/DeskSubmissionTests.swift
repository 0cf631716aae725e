import Foundation
import Testing

@testable import PaddockWeb

@Suite struct DeskSubmissionTests {
    func object(_ body: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test func fieldsBecomeThePayloadInTheirJSONTypes() throws {
        let form = try #require(DeskForm.named("retirement"))
        let submission = DeskSubmission(
            form: form,
            values: [
                "round": " 03 ", "competitor": "jesse-kallio", "reason": "engine \"blew\"", "lap": "", "session": "",
                "eventId": "0190a1b2-0000-7000-8000-000000000001", "occurredAt": "2018-06-10T15:00:00+02:00", "expectedVersion": "12", "csrf": "not sent"
            ])
        let body = try object(submission.body)
        #expect(body["round"] as? Int == 3)
        #expect(body["competitor"] as? String == "jesse-kallio")
        #expect(body["reason"] as? String == "engine \"blew\"")
        #expect(body["lap"] == nil, "empty fields are left out")
        #expect(body["session"] == nil, "empty fields are left out")
        #expect(body["eventId"] as? String == "0190a1b2-0000-7000-8000-000000000001")
        #expect(body["expectedVersion"] as? Int == 12)
        #expect(body["csrf"] == nil, "only the form's fields and the envelope go to the desk route")
    }

    @Test func whatIsNotANumberIsPassedOnForTheCatalogueToRefuse() throws {
        let form = try #require(DeskForm.named("penalty"))
        let body = try object(DeskSubmission(form: form, values: ["round": "three", "seconds": "5.5", "positions": "2x", "points": "1/2"]).body)
        #expect(body["round"] as? String == "three")
        #expect(body["seconds"] as? Double == 5.5)
        #expect(body["positions"] as? String == "2x")
        #expect(body["points"] as? String == "1/2", "points are read exactly from text")
    }

    @Test func emptyRowsAreLeftOutAndErrorsFindTheirRow() throws {
        let form = try #require(DeskForm.named("session"))
        let submission = DeskSubmission(
            form: form,
            values: [
                "round": "3", "session": "final", "kind": "final",
                "results[0].position": "1", "results[0].competitor": "a", "results[0].fastestLap": "true",
                "results[1].position": "", "results[1].competitor": "",
                "results[2].position": "2", "results[2].competitor": "b", "results[2].status": "classified", "results[2].laps": "6",
                "results[4].competitor": "c", "results[4].status": "DNF",
                "results[999].competitor": "beyond the rows a form takes"
            ])
        let body = try object(submission.body)
        let rows = try #require(body["results"] as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows[0]["fastestLap"] as? Bool == true)
        #expect(rows[0]["position"] as? Int == 1)
        #expect(rows[1]["competitor"] as? String == "b")
        #expect(rows[1]["laps"] as? Int == 6)
        #expect(rows[2]["status"] as? String == "DNF")
        #expect(rows[2]["position"] == nil)
        #expect(submission.rowOfResult == [0, 2, 4])
        #expect(submission.fieldName(forProblemField: "payload.results[2].competitor") == "results[4].competitor")
        #expect(submission.fieldName(forProblemField: "payload.results[1].position") == "results[2].position")
        #expect(submission.fieldName(forProblemField: "payload.results[1].sharedWith[0]") == "results", "a member the form has not: the rows")
        #expect(submission.fieldName(forProblemField: "payload.results") == "results")
        #expect(submission.fieldName(forProblemField: "payload.round") == "round")
        #expect(submission.fieldName(forProblemField: "occurredAt") == "occurredAt")
        #expect(submission.fieldName(forProblemField: "payload.team") == nil, "not a field of this form")
        #expect(submission.fieldName(forProblemField: nil) == nil)
    }

    @Test func aCorrectionNamesTheClassificationItSupersedes() throws {
        let form = try #require(DeskForm.named("correction"))
        let submission = DeskSubmission(form: form, values: ["corrects": "0190a1b2-0000-7000-8000-000000000001", "rounds": "1"])
        let body = try object(submission.body)
        #expect(body["corrects"] as? [String] == ["0190a1b2-0000-7000-8000-000000000001"])
        #expect(submission.fieldName(forProblemField: "payload.corrects[0]") == "corrects")
        let entry = try object(DeskSubmission(form: try #require(DeskForm.named("entry")), values: ["rounds": "3, 4 x"]).body)
        #expect((entry["rounds"] as? [Any])?.count == 3)
        #expect((entry["rounds"] as? [Any])?.last as? String == "x")
    }

    @Test func fieldIDsAreUniquePerRowAndColumn() {
        #expect(DeskPages.fieldID("results[3].position") == "f-results-3-position")
        #expect(DeskPages.fieldID("round") == "f-round")
    }
}
