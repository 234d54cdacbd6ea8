using Partnership.CrimeMeasures;
using Partnership.JusticeBoard;
using Partnership.LocalHost;
using Partnership.Reporting;
using Partnership.Safeguarding;
using Partnership.ServiceDefaults;
using Partnership.VictimServices;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalDefaults();
builder.AddServiceDefaults();
builder.UsePartnershipEndpoints(ServiceEndpoints.LocalHost);
builder.AddCrimeMeasures();
builder.AddJusticeBoard();
builder.AddReporting();
builder.AddVictimServices();
builder.AddSafeguarding();
builder.AddDemoData();
builder.AddDevelopmentClock();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCrimeMeasures();
app.MapJusticeBoard();
app.MapReporting();
app.MapVictimServices();
app.MapSafeguarding();
app.PrintWhereToLook();
app.Run();
