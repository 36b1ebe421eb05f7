global using System.Net;
global using Training.Web.Tests.Infrastructure;
