using Partnership.JusticeBoard;
using Partnership.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UsePartnershipEndpoints(ServiceEndpoints.JusticeBoard);
builder.AddJusticeBoard();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapJusticeBoard();
app.Run();
