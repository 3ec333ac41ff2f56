using System.Text.Json.Nodes;
using Booking.Functions.Http;

namespace Booking.Functions.Tests;

/// <summary>Keeps openapi.json true: every HTTP function is documented with its method, route and name, and nothing else is.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonNode Document = JsonNode.Parse(OpenApiFunction.Json)!;

    [Fact]
    public void DocumentsExactlyTheHttpFunctionsWithTheirMethodsRoutesAndNames()
    {
        // HEAD is GET without the body (RFC 9110), not an operation of its own; the unmatched-route functions only answer 404 and 405.
        var declared = DeclaredRoutes.OfFunctionApp.All
            .Where(route => !route.AnswersUnmatched)
            .SelectMany(route => route.Methods.Where(verb => verb != "HEAD").Select(verb => $"{verb.ToLowerInvariant()} /{route.Route} {route.Name}"))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        var documented = Document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key} {path.Key} {op.Value!["operationId"]}"))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(35, declared.Count);
        Assert.Equal(declared, documented);
    }

    [Fact]
    public void EveryGetAlsoAnswersHead()
    {
        var gets = DeclaredRoutes.OfFunctionApp.All.Where(route => route.Methods.Contains("GET")).ToList();

        Assert.NotEmpty(gets);
        Assert.All(gets, route => Assert.Contains("HEAD", route.Methods));
    }

    [Fact]
    public void EveryOperationWithABodyDocuments415()
    {
        var withBody = Document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(op => op.Value!["requestBody"] is not null).Select(op => (Name: $"{op.Key} {path.Key}", Operation: op.Value!)))
            .ToList();

        Assert.NotEmpty(withBody);
        Assert.All(withBody, op => Assert.True(op.Operation["responses"]!["415"] is not null, op.Name));
    }

    [Fact]
    public void EveryReferencedComponentExists()
    {
        var components = Document["components"]!.AsObject()
            .SelectMany(kind => kind.Value!.AsObject().Select(c => $"#/components/{kind.Key}/{c.Key}"))
            .ToHashSet();
        var references = Document.ToJsonString().Split("\"$ref\":\"").Skip(1).Select(s => s[..s.IndexOf('"', StringComparison.Ordinal)]).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, components));
    }

    [Theory]
    [InlineData("/practitioners", "SearchPractitioners", "items")]
    [InlineData("/practitioners/{practitionerId}/slots", "ListFreeSlots", "slots")]
    [InlineData("/practitioners/{practitionerId}/agenda", "GetAgenda", "appointments")]
    [InlineData("/me/appointments", "ListMyAppointments", "items")]
    public void APagedListDocumentsTheLimitsAndCursorTheCodeEnforcesAndAlwaysSendsNext(string path, string operationId, string array)
    {
        var operation = Document["paths"]![path]!["get"]!;
        var size = operationId == "ListFreeSlots" ? Application.Paging.PageSize.Slots : Application.Paging.PageSize.Items;
        var parameters = operation["parameters"]!.AsArray().Select(p => Resolve(p!)).ToDictionary(p => p["name"]!.GetValue<string>(), p => p["schema"]!);
        var body = Resolve(operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);

        Assert.Equal(operationId, operation["operationId"]!.GetValue<string>());
        Assert.Equal((1, size.Max, size.Default), (parameters["limit"]["minimum"]!.GetValue<int>(), parameters["limit"]["maximum"]!.GetValue<int>(), parameters["limit"]["default"]!.GetValue<int>()));
        Assert.Equal(Application.Paging.PageCursors.MaxLength, parameters["cursor"]["maxLength"]!.GetValue<int>());
        Assert.Contains("next", body["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains(array, body["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.True(Resolve(body["properties"]!["next"]!)["nullable"]!.GetValue<bool>());
        Assert.Equal("#/components/responses/InvalidPageInput", operation["responses"]!["400"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void BookingDocumentsTheContractsStatusCodes()
    {
        var responses = Document["paths"]!["/appointments"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ToList();

        Assert.Equal(new[] { "201", "400", "401", "403", "409", "415", "422", "503" }, responses);
    }

    private static JsonNode Resolve(JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(Document, (n, part) => n[part]!))
            : node;
}
