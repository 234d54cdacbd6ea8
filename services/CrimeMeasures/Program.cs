using Partnership.CrimeMeasures;
using Partnership.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UsePartnershipEndpoints(ServiceEndpoints.CrimeMeasures);
builder.AddCrimeMeasures();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCrimeMeasures();
app.Run();

