using Partnership.Reporting;
using Partnership.Reporting.Subscriptions;
using Partnership.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UsePartnershipEndpoints(ServiceEndpoints.Reporting);
builder.AddReporting();
builder.AddReportingSubscriptions();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReporting();
app.MapReportingSubscriptions();
app.Run();
