using Booking.Domain.Common;

namespace Booking.Domain.Tests.Common;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Évry", "evry")]
    [InlineData("Saint-Denis", "saint denis")]
    [InlineData("  MÉDECINE   générale ", "medecine generale")]
    [InlineData("L'Haÿ-les-Roses", "l hay les roses")]
    public void MatchesGivenDifferencesOfCaseAccentsAndSeparators(string written, string searched)
    {
        Assert.Equal(TextNormalizer.ForMatching(searched), TextNormalizer.ForMatching(written));
    }

    [Fact]
    public void FoldsToLowercaseWithoutAccentsGivenMixedText()
    {
        Assert.Equal("medecine generale", TextNormalizer.ForMatching("  MÉDECINE -- générale "));
    }

    [Theory]
    [InlineData("Paris", "Lyon")]
    [InlineData("Saint-Denis", "saintdenis")]
    public void DoesNotMatchGivenDifferentWords(string written, string searched)
    {
        Assert.NotEqual(TextNormalizer.ForMatching(searched), TextNormalizer.ForMatching(written));
    }

    [Theory]
    [InlineData("-Évry")]
    [InlineData("'Évry-")]
    [InlineData("_ évry")]
    public void DropsSeparatorsAtEitherEndGivenTextStartingOrEndingWithOne(string written)
    {
        Assert.Equal("evry", TextNormalizer.ForMatching(written));
    }
}
