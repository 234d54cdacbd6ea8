using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Testing;

namespace Partnership.Submissions.Tests.Events;

public class QuarterlyUpdateCodecTests
{
    private static QuarterlyUpdate Update(int contractVersion = QuarterlyUpdateCodec.ContractVersion)
    {
        var update = new QuarterlyUpdate
        {
            EventId = "0197a6c1-0000-7000-8000-000000000001",
            ContractVersion = contractVersion,
            SourceService = "crime-measures",
            SubmittedBy = "Bradford CSP",
            SubmittedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2021, 1, 15, 9, 30, 0, TimeSpan.Zero)),
            ReturnId = "0197a6c1-0000-7000-8000-000000000002",
            ReturnKey = $"crime-measures|{Areas.Bradford}|FY2020/21-Q3",
            Revision = 2,
            AreaCode = Areas.Bradford,
            Period = Period.Parse("FY2020/21-Q3").ToContract(),
        };
        update.Observations.Add(new Observation("crime.total_recorded", Areas.Bradford, Period.Parse("FY2020/21-Q3"), Figure.OfValue(12_345.5m), Note: "Café – “quoted”").ToContract());
        update.Observations.Add(new Observation("crime.violence_with_injury_solved", Areas.Bradford, Period.Parse("FY2020/21-Q3"), Figure.OfFraction(12, 100), ObservationStatus.Provisional, Confidentiality.Restricted).ToContract());
        return update;
    }

    [Fact]
    public void Serialize_ThenParse_GivesTheSameEvent()
    {
        var update = Update();

        var read = QuarterlyUpdateCodec.Parse(QuarterlyUpdateCodec.ContentType, QuarterlyUpdateCodec.Serialize(update));

        Assert.Equal(update, read);
    }

    // The bytes on the Dapr topic: protobuf JSON under application/json, as before there was a codec.
    [Fact]
    public void Serialize_WritesProtobufJsonUnderItsContentType()
    {
        var update = Update();

        Assert.Equal("application/json", QuarterlyUpdateCodec.ContentType);
        Assert.Equal(Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(update)), QuarterlyUpdateCodec.Serialize(update));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/cloudevents+json")]
    public void TryParse_JsonContentTypes_ReadTheEvent(string? contentType)
    {
        Assert.True(QuarterlyUpdateCodec.TryParse(contentType, QuarterlyUpdateCodec.Serialize(Update()), out var read, out var reason), reason);
        Assert.Equal(Update(), read);
    }

    [Fact]
    public void TryParse_BinaryProtobufByItsContentType_ReadsTheEvent()
    {
        Assert.True(QuarterlyUpdateCodec.TryParse("application/protobuf", Update().ToByteArray(), out var read, out var reason), reason);
        Assert.Equal(Update(), read);
    }

    // A newer publisher may add fields: the event is still read for the ones this build knows.
    [Fact]
    public void TryParse_FieldUnknownToThisBuild_IsIgnored()
    {
        var json = "{ \"addedLater\": [1, 2]," + JsonFormatter.Default.Format(Update())[1..];

        Assert.True(QuarterlyUpdateCodec.TryParse(QuarterlyUpdateCodec.ContentType, Encoding.UTF8.GetBytes(json), out var read, out var reason), reason);
        Assert.Equal(Update().ReturnKey, read.ReturnKey);
    }

    [Theory]
    [InlineData("application/json", "not an event")]
    [InlineData("application/json", "{\"revision\": \"two\"}")]
    [InlineData("application/protobuf", "\u00ff\u00ff\u00ff\u00ff")]
    [InlineData("text/plain", "{}")]
    public void TryParse_UnreadableBytes_SaysWhy(string contentType, string text)
    {
        var bytes = contentType.Contains("protobuf", StringComparison.Ordinal) ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);

        Assert.False(QuarterlyUpdateCodec.TryParse(contentType, bytes, out _, out var reason));
        Assert.StartsWith("unreadable payload: ", reason, StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => QuarterlyUpdateCodec.Parse(contentType, bytes));
    }

    [Fact]
    public void TryParse_ContentTypeOfAnotherEncoding_NamesIt()
    {
        Assert.False(QuarterlyUpdateCodec.TryParse("text/plain", QuarterlyUpdateCodec.Serialize(Update()), out _, out var reason));
        Assert.Contains("content type 'text/plain'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IsKnownVersion_PayloadOfAnUnknownContractVersion_IsRejectedWithWhy()
    {
        var bytes = QuarterlyUpdateCodec.Serialize(Update(contractVersion: 99));

        // Readable as bytes, but not applicable: its fields may mean something this build does not know.
        Assert.True(QuarterlyUpdateCodec.TryParse(QuarterlyUpdateCodec.ContentType, bytes, out var read, out _));
        Assert.False(QuarterlyUpdateCodec.IsKnownVersion(read, out var reason));
        Assert.Contains("contract version 99", reason, StringComparison.Ordinal);
        Assert.True(QuarterlyUpdateCodec.IsKnownVersion(Update(), out var none));
        Assert.Equal("", none);
    }
}
