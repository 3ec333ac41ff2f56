using System.Text;
using Booking.Application.Paging;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>Page cursors: they read back only under the scope they were issued for, and hold nothing of it.</summary>
public sealed class PageCursorTests
{
    private static readonly PageScope Paris = new("search", "city:paris", "", "", "7");
    private static readonly PagePosition Position = new(Instant.FromUtc(2026, 12, 1, 8, 30), "kq3Y8rVb0yXW2nBq1cLr5A");

    private readonly Infrastructure.KeyVault.LocalKeyRing _keyRing = new();
    private readonly PageCursors _cursors;

    public PageCursorTests() => _cursors = new PageCursors(_keyRing);

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task ReadsBackTheIssuedPositionUnderTheSameScope(bool withTime, bool withId)
    {
        var position = new PagePosition(withTime ? Position.At : null, withId ? Position.Id : null);

        var cursor = await _cursors.IssueAsync(Paris, position, default);

        Assert.Equal(position, await _cursors.ReadAsync(new PageScope("search", "city:paris", "", "", "7"), cursor, default));
        Assert.All(cursor, c => Assert.True(Domain.Common.Base64Url.IsAlphabetChar(c)));
        Assert.InRange(cursor.Length, 1, PageCursors.MaxLength);
    }

    [Fact]
    public async Task IsRefusedUnderAnotherScopeEvenWhenItsPartsOnlyRunTogetherDifferently()
    {
        var cursor = await _cursors.IssueAsync(Paris, Position, default);

        Assert.Null(await _cursors.ReadAsync(new PageScope("search", "city:lyon", "", "", "7"), cursor, default));
        Assert.Null(await _cursors.ReadAsync(new PageScope("search", "city:paris", "psychiatrie", "", "7"), cursor, default));
        Assert.Null(await _cursors.ReadAsync(new PageScope("search", "city:paris", "", "", "8"), cursor, default));
        Assert.Null(await _cursors.ReadAsync(new PageScope("slots", "city:paris", "", "", "7"), cursor, default));
        Assert.Null(await _cursors.ReadAsync(new PageScope("search", "city:paris", "", "7"), cursor, default));
        Assert.Null(await _cursors.ReadAsync(new PageScope("search", "city:pari", "s", "", "7"), cursor, default));
    }

    [Fact]
    public async Task IsRefusedUnderAScopeWhoseZeroBytesWouldRunItsPartsTogether()
    {
        // Without each part's length, "a", "b" and "a\0\0\0\0b" would encode alike (a 4-byte slot of zeros between parts).
        var cursor = await _cursors.IssueAsync(new PageScope("search", "a", "b"), Position, default);

        Assert.Null(await _cursors.ReadAsync(new PageScope("search", "a\0\0\0\0b"), cursor, default));
        Assert.Equal(Position, await _cursors.ReadAsync(new PageScope("search", "a", "b"), cursor, default));
    }

    [Fact]
    public async Task IsRefusedOnceAnyCharacterChangesOrAnyPartIsCutOff()
    {
        var cursor = await _cursors.IssueAsync(Paris, Position, default);

        for (var i = 0; i < cursor.Length; i++)
        {
            var flipped = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            Assert.Null(await _cursors.ReadAsync(Paris, flipped, default));
            Assert.Null(await _cursors.ReadAsync(Paris, cursor[..i], default));
        }

        foreach (var garbage in new[] { "", "x", "null", cursor + "A", cursor + "=", cursor.ToUpperInvariant(), "+" + cursor[1..], new string('A', cursor.Length), new string('A', 5000) })
        {
            Assert.Null(await _cursors.ReadAsync(Paris, garbage, default));
        }

        Assert.Equal(Position, await _cursors.ReadAsync(Paris, cursor, default));
    }

    [Fact]
    public async Task IsRefusedByAnotherDeployment()
    {
        var cursor = await _cursors.IssueAsync(Paris, Position, default);

        Assert.Null(await new PageCursors(new Infrastructure.KeyVault.LocalKeyRing()).ReadAsync(Paris, cursor, default));
    }

    [Fact]
    public async Task HoldsNothingOfItsScope()
    {
        var scope = new PageScope("my-appointments", "patient:pat-0123456789abcdef");

        var cursor = await _cursors.IssueAsync(scope, Position, default);

        var bytes = Encoding.Latin1.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
        Assert.DoesNotContain("pat-0123456789abcdef", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("patient", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("my-appointments", bytes, StringComparison.Ordinal);
        Assert.Null(await _cursors.ReadAsync(new PageScope("my-appointments", "patient:pat-someone-else"), cursor, default));
    }

    [Fact]
    public async Task TheLongestPositionFitsTheDocumentedLength()
    {
        var cursor = await _cursors.IssueAsync(Paris, new PagePosition(Instant.MaxValue, new string('x', PagePosition.MaxIdBytes)), default);

        Assert.Equal(PageCursors.MaxLength, cursor.Length);
        Assert.Equal(122, PageCursors.MaxLength); // openapi.json and docs/api.md give it
        var readBack = await _cursors.ReadAsync(Paris, cursor, default); // a cursor keeps ticks, the clock's precision
        Assert.Equal(new PagePosition(Instant.FromUnixTimeTicks(Instant.MaxValue.ToUnixTimeTicks()), new string('x', PagePosition.MaxIdBytes)), readBack);
        await Assert.ThrowsAsync<ArgumentException>(() => _cursors.IssueAsync(Paris, new PagePosition(null, new string('x', PagePosition.MaxIdBytes + 1)), default));
    }
}
