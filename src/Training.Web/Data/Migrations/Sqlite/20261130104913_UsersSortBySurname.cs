using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Training.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UsersSortBySurname : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_AgencyId_Name",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<string>(
                name: "SortName",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                computedColumnSql: "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(rtrim(substr(trim(\"Name\"), length(rtrim(trim(\"Name\"), replace(trim(\"Name\"), ' ', ''))) + 1) || ' ' || rtrim(rtrim(trim(\"Name\"), replace(trim(\"Name\"), ' ', ''))))), 'å', '{'), 'Å', '{'), 'ä', '|'), 'Ä', '|'), 'æ', '|'), 'Æ', '|'), 'ö', '}'), 'Ö', '}'), 'ø', '}'), 'Ø', '}'), 'é', 'e'), 'É', 'e'), 'è', 'e'), 'È', 'e'), 'ü', 'y'), 'Ü', 'y')",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_AgencyId_SortName_Id",
                table: "AspNetUsers",
                columns: new[] { "AgencyId", "SortName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SortName_Id",
                table: "AspNetUsers",
                columns: new[] { "SortName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_AgencyId_SortName_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_SortName_Id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SortName",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_AgencyId_Name",
                table: "AspNetUsers",
                columns: new[] { "AgencyId", "Name" });
        }
    }
}
